using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using PartnerBot.ResetClient.Authentication;

namespace PartnerBot.ResetClient.Graph;

/// <summary>
/// Exchanges the Secure Application Model refresh token with MSAL for a Graph token in a given tenant: the partner's
/// own tenant, or a customer's tenant where GDAP grants the partner's account a role. The partner application signs
/// in with the first of its configured client credentials that loads.
/// </summary>
/// <remarks>
/// NOTE: no test runs this exchange, because tests may not call Microsoft Entra. Only the per-tenant caching around
/// it (<see cref="GraphTokenCache"/>) is tested, with a fake exchange.
/// </remarks>
internal sealed class MsalGraphTokenExchange(
    IOptions<GraphOptions> options,
    ILoggerFactory loggerFactory) : IGraphTokenExchange
{
    private readonly SemaphoreSlim _build = new(1, 1);
    private IConfidentialClientApplication? _application;
    private IAccount? _account;

    public async Task<AccessToken> ExchangeAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken)
    {
        var auth = options.Value.Authentication;
        string[] scopes = [auth.Scope];
        var application = await GetApplicationAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            AuthenticationResult result;
            if (_account is not null)
            {
                // MSAL keeps the newest refresh token it received, and a refresh token of this application is valid
                // for every tenant the account can reach, so a silent call with another tenant id usually succeeds.
                try
                {
                    result = await application.AcquireTokenSilent(scopes, _account)
                        .WithTenantId(tenantId)
                        .WithCorrelationId(correlationId)
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }
                catch (MsalUiRequiredException)
                {
                    // Fall through to the configured refresh token.
                }
            }

            result = await ((IByRefreshToken)application)
                .AcquireTokenByRefreshToken(scopes, auth.RefreshToken)
                .WithTenantId(tenantId)
                .WithCorrelationId(correlationId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _account = result.Account;
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }
        catch (MsalException exception)
        {
            // The message carries only MSAL's error code; the attached exception adds Microsoft Entra's description.
            throw new TokenAcquisitionException(
                $"Exchanging the refresh token for a Graph token in tenant {tenantId} failed with MSAL error {exception.ErrorCode}.",
                exception);
        }
    }

    private async Task<IConfidentialClientApplication> GetApplicationAsync(CancellationToken cancellationToken)
    {
        if (_application is not null)
        {
            return _application;
        }

        await _build.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _application ??= await BuildApplicationAsync().ConfigureAwait(false);
            return _application;
        }
        finally
        {
            _build.Release();
        }
    }

    private Task<IConfidentialClientApplication> BuildApplicationAsync()
    {
        var auth = options.Value.Authentication;
        return PartnerApplication.BuildAsync(
            auth.ClientId!, new Uri(auth.Instance, auth.PartnerTenantId), auth.ClientCredentials, "Graph:Authentication:ClientCredentials", loggerFactory);
    }
}
