using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerBot.Sandbox.Graph;

namespace PartnerBot.Sandbox;

public static class GraphSandboxExtensions
{
    /// <summary>The path prefix that hosts usually mount the Graph sandbox under.</summary>
    public const string DefaultPrefix = "/sandbox/graph";

    /// <summary>
    /// Registers the Graph sandbox configured from <paramref name="section"/> (usually
    /// <c>configuration.GetSection("GraphSandbox")</c>; every key has a default). It serves the directory of the
    /// Partner Center sandbox, so call <see cref="SandboxExtensions.AddPartnerCenterSandbox"/> as well.
    /// </summary>
    public static IServiceCollection AddGraphSandbox(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<GraphSandboxOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton(provider => new GraphSandbox(
            provider.GetRequiredService<PartnerCenterSandbox>(),
            provider.GetRequiredService<IOptions<GraphSandboxOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Maps the sandbox's Graph endpoints under <c>{prefix}/v1.0</c>. Point the reset client's <c>Graph:BaseAddress</c>
    /// at <c>{host}{prefix}/</c> and set <c>Graph:Authentication:Mode</c> to Sandbox.
    /// </summary>
    public static RouteGroupBuilder MapGraphSandbox(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);

        var normalizedPrefix = prefix.Length == 0 ? "" : "/" + prefix.Trim('/');
        var sandbox = endpoints.ServiceProvider.GetService<GraphSandbox>()
            ?? throw new InvalidOperationException("The Graph sandbox is not registered. Call services.AddGraphSandbox(...) first.");

        var root = endpoints.MapGroup(normalizedPrefix);
        var v1 = root.MapGroup("/v1.0").AddEndpointFilter(new GraphSandboxFilter(sandbox, normalizedPrefix));
        GraphSandboxApi.Map(v1);
        return root;
    }
}
