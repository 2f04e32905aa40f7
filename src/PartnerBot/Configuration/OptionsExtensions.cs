using Microsoft.Extensions.Options;

namespace PartnerBot.Configuration;

public static class OptionsExtensions
{
    /// <summary>
    /// Binds PartnerBot's option records and validates them when the host starts.
    /// </summary>
    public static IServiceCollection AddPartnerBotOptions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<BotCredentialOptions>()
            .Bind(configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotCredentialOptions>>(new BotCredentialOptionsValidator(environment));

        services.AddOptions<PartnerBotOptions>()
            .Bind(configuration.GetSection(PartnerBotOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartnerBotOptions>, PartnerBotOptionsValidator>();

        return services;
    }
}
