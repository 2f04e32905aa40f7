using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.PartnerCenter;

namespace PartnerBot.ResetClient.Authentication;

/// <summary>An access token and the time it stops being valid.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresOn);

/// <summary>Exchanges the configured refresh token for a Partner Center access token.</summary>
public interface IRefreshTokenExchange
{
    Task<AccessToken> ExchangeAsync(Guid correlationId, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the App+User access token obtained through the Secure Application Model and renews it shortly
/// before it expires. One renewal runs at a time; concurrent callers wait for it.
/// </summary>
internal sealed class SecureApplicationModelTokenProvider(
    IRefreshTokenExchange exchange,
    IOptions<PartnerCenterOptions> options,
    TimeProvider timeProvider,
    ILogger<SecureApplicationModelTokenProvider> logger) : IPartnerCenterTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private AccessToken? _current;

    public async ValueTask<string> GetAccessTokenAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        if (IsUsable(_current))
        {
            return _current!.Value;
        }

        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsUsable(_current))
            {
                return _current!.Value;
            }

            var token = await exchange.ExchangeAsync(correlationId, cancellationToken).ConfigureAwait(false);
            Log.AccessTokenRenewed(logger, token.ExpiresOn, correlationId);
            _current = token;
            return token.Value;
        }
        finally
        {
            _renewal.Release();
        }
    }

    public void Dispose() => _renewal.Dispose();

    private bool IsUsable(AccessToken? token) =>
        token is not null &&
        token.ExpiresOn - options.Value.Authentication.TokenRenewalMargin > timeProvider.GetUtcNow();
}
