using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerBot.Sandbox.Api;

namespace PartnerBot.Sandbox;

public static class SandboxExtensions
{
    /// <summary>
    /// Registers the Partner Center sandbox configured from <paramref name="section"/> (usually
    /// <c>configuration.GetSection("PartnerCenterSandbox")</c>; every key has a default).
    /// </summary>
    public static IServiceCollection AddPartnerCenterSandbox(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<SandboxOptions>()
            .Bind(section)
            .Validate(options => options.CustomerCount >= 3, $"{SandboxOptions.SectionName}:CustomerCount must be 3 or more.")
            .Validate(options => options.RandomFaultRate is >= 0 and <= 1,
                $"{SandboxOptions.SectionName}:RandomFaultRate must be a number from 0 to 1.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.AccessToken),
                $"{SandboxOptions.SectionName}:AccessToken is empty. Remove the key to use the default sandbox token.")
            .ValidateOnStart();
        services.AddSingleton(provider => new PartnerCenterSandbox(provider.GetRequiredService<IOptions<SandboxOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Maps the sandbox's Partner Center endpoints under <c>{prefix}/v1</c> and its test endpoints under
    /// <c>{prefix}/_sandbox</c>. Point the reset client's <c>PartnerCenter:BaseAddress</c> at <c>{host}{prefix}/</c>.
    /// </summary>
    public static RouteGroupBuilder MapPartnerCenterSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);

        var normalizedPrefix = prefix.Length == 0 ? "" : "/" + prefix.Trim('/');
        var sandbox = endpoints.ServiceProvider.GetRequiredService<PartnerCenterSandbox>();
        var root = endpoints.MapGroup(normalizedPrefix);

        var v1 = root.MapGroup("/v1").AddEndpointFilter(new SandboxRequestFilter(sandbox, normalizedPrefix));
        PartnerCenterApi.Map(v1);

        SandboxAdminApi.Map(root.MapGroup("/_sandbox"));
        return root;
    }
}
