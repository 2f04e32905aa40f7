using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PartnerBot.Configuration;
using PartnerBot.ResetClient;
using PartnerBot.ResetClient.Graph;
using PartnerBot.ResetClient.PartnerCenter;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Graph;

namespace PartnerBot.Hosting;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>Path prefix of the Partner Center sandbox inside the bot host.</summary>
    public const string SandboxPrefix = "/sandbox/partnercenter";

    /// <summary>Path prefix of the Microsoft Graph sandbox inside the bot host.</summary>
    public const string GraphSandboxPrefix = "/sandbox/graph";

    /// <summary>
    /// Adds both directory backends and maps <see cref="ICustomerDirectory"/> to the one PartnerBot:Backend
    /// names. Only the chosen backend's settings must be complete; the Graph settings are also checked when
    /// staff groups are configured, because those are read through Graph. In Development both sandboxes are
    /// added too. Outside Development the sandboxes' fixed tokens are rejected at start-up.
    /// </summary>
    /// <remarks>
    /// The choice is made when the directory is first resolved rather than here, because test hosts add their
    /// configuration only when the host is built.
    /// </remarks>
    public static IServiceCollection AddCustomerDirectory(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPartnerCenterResetClient(configuration.GetSection(PartnerCenterOptions.SectionName));
        var partnerCenterDirectory = services.Last(descriptor => descriptor.ServiceType == typeof(ICustomerDirectory));
        services.AddGraphResetClient(configuration.GetSection(GraphOptions.SectionName));

        ValidateOnlyWhen<PartnerCenterOptions>(services, (provider, _) => BackendOf(provider) == DirectoryBackend.PartnerCenter);
        ValidateOnlyWhen<GraphOptions>(services, (provider, options) => BackendOf(provider) == DirectoryBackend.Graph || UsesStaffGroups(options));
        services.AddSingleton<IValidateOptions<PartnerCenterOptions>>(new SandboxOnlyInDevelopmentValidator<PartnerCenterOptions>(
            environment, "PartnerCenter:Authentication:Mode", options => options.Authentication.Mode == PartnerCenterAuthenticationMode.Sandbox));
        services.AddSingleton<IValidateOptions<GraphOptions>>(new SandboxOnlyInDevelopmentValidator<GraphOptions>(
            environment, "Graph:Authentication:Mode", options => options.Authentication.Mode == GraphAuthenticationMode.Sandbox));

        services.RemoveAll<ICustomerDirectory>();
        services.AddTransient<ICustomerDirectory>(provider => BackendOf(provider) == DirectoryBackend.Graph
            ? provider.GetRequiredService<GraphCustomerDirectory>()
            : (ICustomerDirectory)partnerCenterDirectory.ImplementationFactory!(provider));

        if (environment.IsDevelopment())
        {
            services.AddPartnerCenterSandbox(configuration.GetSection("PartnerCenterSandbox"));
            services.AddGraphSandbox(configuration.GetSection(GraphSandboxOptions.SectionName));
        }

        return services;
    }

    /// <summary>Mounts both sandboxes when the host runs in Development.</summary>
    public static WebApplication MapSandboxInDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapPartnerCenterSandbox(SandboxPrefix);
            app.MapGraphSandbox(GraphSandboxPrefix);
        }

        return app;
    }

    // Read from configuration rather than IOptions<PartnerBotOptions>, whose validator reads the Graph
    // options, whose validation in turn needs the backend.
    private static DirectoryBackend BackendOf(IServiceProvider provider) =>
        provider.GetRequiredService<IConfiguration>().GetValue($"{PartnerBotOptions.SectionName}:{nameof(PartnerBotOptions.Backend)}", DirectoryBackend.PartnerCenter);

    private static bool UsesStaffGroups(GraphOptions options) =>
        options.StaffGroups.RequestersGroupId is not null
        || options.StaffGroups.ApproversGroupId is not null
        || options.StaffGroups.PrivilegedApproversGroupId is not null;

    /// <summary>Wraps the validators that a client library registered so that they run only when <paramref name="applies"/> holds.</summary>
    private static void ValidateOnlyWhen<TOptions>(IServiceCollection services, Func<IServiceProvider, TOptions, bool> applies)
        where TOptions : class
    {
        var validators = services
            .Where(descriptor => descriptor.ServiceType == typeof(IValidateOptions<TOptions>) && descriptor.ImplementationType is not null)
            .ToArray();

        foreach (var descriptor in validators)
        {
            services.Remove(descriptor);
            services.AddSingleton<IValidateOptions<TOptions>>(provider => new ConditionalValidator<TOptions>(
                (IValidateOptions<TOptions>)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!),
                options => applies(provider, options)));
        }
    }

    private sealed class ConditionalValidator<TOptions>(IValidateOptions<TOptions> inner, Func<TOptions, bool> applies) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            applies(options) ? inner.Validate(name, options) : ValidateOptionsResult.Skip;
    }

    private sealed class SandboxOnlyInDevelopmentValidator<TOptions>(IHostEnvironment environment, string key, Func<TOptions, bool> usesSandbox) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            usesSandbox(options) && !environment.IsDevelopment()
                ? ValidateOptionsResult.Fail($"{key} is Sandbox, which only the Development environment allows, and this host runs as {environment.EnvironmentName}. Set it to SecureApplicationModel and configure the partner application's credential and refresh token.")
                : ValidateOptionsResult.Success;
    }
}
