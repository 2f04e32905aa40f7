using Microsoft.Extensions.Options;
using PartnerBot.ResetClient;
using PartnerBot.ResetClient.PartnerCenter;
using PartnerBot.Sandbox;

namespace PartnerBot.Hosting;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>Path prefix of the Partner Center sandbox inside the bot host.</summary>
    public const string SandboxPrefix = "/sandbox/partnercenter";

    /// <summary>
    /// Adds the Partner Center reset client from the "PartnerCenter" section. In Development the
    /// Partner Center sandbox from the "PartnerCenterSandbox" section is added too. Outside Development
    /// the sandbox's fixed token is rejected at start-up, so a production host cannot be left pointing at it.
    /// </summary>
    public static IServiceCollection AddCustomerDirectory(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddPartnerCenterResetClient(configuration.GetSection(PartnerCenterOptions.SectionName));
        services.AddSingleton<IValidateOptions<PartnerCenterOptions>>(new SandboxOnlyInDevelopmentValidator(environment));

        if (environment.IsDevelopment())
        {
            services.AddPartnerCenterSandbox(configuration.GetSection("PartnerCenterSandbox"));
        }

        return services;
    }

    /// <summary>Mounts the Partner Center sandbox at <see cref="SandboxPrefix"/> when the host runs in Development.</summary>
    public static WebApplication MapSandboxInDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapPartnerCenterSandbox(SandboxPrefix);
        }

        return app;
    }

    private sealed class SandboxOnlyInDevelopmentValidator(IHostEnvironment environment) : IValidateOptions<PartnerCenterOptions>
    {
        public ValidateOptionsResult Validate(string? name, PartnerCenterOptions options) =>
            options.Authentication.Mode == PartnerCenterAuthenticationMode.Sandbox && !environment.IsDevelopment()
                ? ValidateOptionsResult.Fail($"PartnerCenter:Authentication:Mode is Sandbox, which only the Development environment allows, and this host runs as {environment.EnvironmentName}. Set it to SecureApplicationModel and configure the partner application's credential and refresh token.")
                : ValidateOptionsResult.Success;
    }
}
