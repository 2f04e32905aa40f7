using System.Security.Cryptography.X509Certificates;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;
using PartnerBot.Configuration;

namespace PartnerBot.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// Adds Bot Framework authentication, the CloudAdapter with the tenant guard and turn-error handler,
    /// and the Teams activity handler.
    /// </summary>
    public static IServiceCollection AddPartnerBotAdapter(this IServiceCollection services)
    {
        services.AddHttpClient();

        services.AddSingleton<BotFrameworkAuthentication>(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var credentials = provider.GetRequiredService<IOptions<BotCredentialOptions>>().Value;
            var httpClientFactory = provider.GetRequiredService<IHttpClientFactory>();
            var logger = provider.GetRequiredService<ILogger<PartnerBotAdapter>>();

            return new ConfigurationBotFrameworkAuthentication(
                configuration,
                CreateCertificateCredentialsFactory(credentials, httpClientFactory, logger),
                httpClientFactory: httpClientFactory,
                logger: logger);
        });

        services.AddSingleton<TenantGuardMiddleware>();
        services.AddSingleton<TurnErrorResponder>();
        services.AddSingleton<PartnerBotAdapter>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(provider => provider.GetRequiredService<PartnerBotAdapter>());
        services.AddTransient<IBot, PartnerBotActivityHandler>();
        services.AddSingleton<PartnerBot.Conversations.IMessenger, BotMessenger>();
        services.AddSingleton<IStorage, DatabaseBotStorage>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();

        return services;
    }

    /// <summary>
    /// Maps POST /api/messages, where the Bot Connector service (or the Agents Playground) posts activities.
    /// </summary>
    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", ProcessActivityAsync);

        return endpoints;
    }

    /// <summary>
    /// Passes the request to the adapter. CloudAdapter 4.23.1 returns 401 only for UnauthorizedAccessException, but
    /// a token with a bad signature or lifetime throws a SecurityTokenException, which would otherwise be a 500.
    /// </summary>
    private static async Task ProcessActivityAsync(
        HttpRequest request,
        HttpResponse response,
        IBotFrameworkHttpAdapter adapter,
        IBot bot,
        ILogger<PartnerBotAdapter> logger,
        CancellationToken cancellationToken)
    {
        try
        {
            await adapter.ProcessAsync(request, response, bot, cancellationToken);
        }
        catch (Microsoft.IdentityModel.Tokens.SecurityTokenException exception) when (!response.HasStarted)
        {
            Log.InvalidBotToken(logger, exception.GetType().Name);
            response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }

    /// <summary>
    /// Returns a certificate credential factory when a certificate is configured, or null so that Bot
    /// Framework reads the secret or managed identity from configuration itself.
    /// </summary>
    private static ServiceClientCredentialsFactory? CreateCertificateCredentialsFactory(
        BotCredentialOptions credentials,
        IHttpClientFactory httpClientFactory,
        ILogger logger)
    {
        if (!credentials.HasCertificate)
        {
            return null;
        }

        var certificate = LoadCertificate(credentials);
        return new CertificateServiceClientCredentialsFactory(
            certificate,
            credentials.MicrosoftAppId,
            credentials.MicrosoftAppTenantId,
            httpClient: httpClientFactory.CreateClient(nameof(CertificateServiceClientCredentialsFactory)),
            logger: logger);
    }

    private static X509Certificate2 LoadCertificate(BotCredentialOptions credentials)
    {
        if (!string.IsNullOrWhiteSpace(credentials.MicrosoftAppCertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(credentials.MicrosoftAppCertificatePath, credentials.MicrosoftAppCertificatePassword);
        }

        var thumbprint = credentials.MicrosoftAppCertificateThumbprint!.Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var matches = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (matches.Count > 0)
            {
                return matches[0];
            }
        }

        throw new OptionsValidationException(
            nameof(BotCredentialOptions.MicrosoftAppCertificateThumbprint),
            typeof(BotCredentialOptions),
            [$"MicrosoftAppCertificateThumbprint '{thumbprint}' matches no certificate in the CurrentUser or LocalMachine 'My' store. Import the certificate or fix the thumbprint."]);
    }
}
