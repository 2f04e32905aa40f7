using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using PartnerBot.ResetClient.PartnerCenter;

namespace PartnerBot.ResetClient.Authentication;

/// <summary>
/// Exchanges the Secure Application Model refresh token with MSAL. The partner application signs in with the
/// first of its configured client credentials that loads (a client secret or a certificate).
/// </summary>
/// <remarks>
/// NOTE: no test runs this exchange, because tests may not call Microsoft Entra. Only the token caching around it
/// (<see cref="SecureApplicationModelTokenProvider"/>) is tested, with a fake exchange.
/// </remarks>
internal sealed class MsalRefreshTokenExchange(
    IOptions<PartnerCenterOptions> options,
    ILoggerFactory loggerFactory) : IRefreshTokenExchange
{
    private readonly SemaphoreSlim _build = new(1, 1);
    private IConfidentialClientApplication? _application;
    private IAccount? _account;

    public async Task<AccessToken> ExchangeAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var auth = options.Value.Authentication;
        string[] scopes = [auth.Scope];
        var application = await GetApplicationAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            AuthenticationResult result;
            if (_account is not null)
            {
                // MSAL keeps the newest refresh token it received in its own cache, so a silent call
                // continues with that one instead of the configured token, which may have been rotated.
                try
                {
                    result = await application.AcquireTokenSilent(scopes, _account)
                        .WithCorrelationId(correlationId)
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }
                catch (MsalUiRequiredException)
                {
                    _account = null;
                }
            }

            result = await ((IByRefreshToken)application)
                .AcquireTokenByRefreshToken(scopes, auth.RefreshToken)
                .WithCorrelationId(correlationId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _account = result.Account;
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }
        catch (MsalException exception)
        {
            // The message carries only MSAL's error code. The attached MSAL exception adds Microsoft Entra's error
            // description for the log.
            throw new TokenAcquisitionException(
                $"Exchanging the Partner Center refresh token failed with MSAL error {exception.ErrorCode}.", exception);
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
            auth.ClientId!, new Uri(auth.Instance, auth.TenantId), auth.ClientCredentials, "PartnerCenter:Authentication:ClientCredentials", loggerFactory);
    }
}
