using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.Authentication;

namespace PartnerBot.ResetClient.Graph;

/// <summary>Source of the bearer token that the Graph backend sends to one tenant.</summary>
public interface IGraphTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken);
}

/// <summary>Exchanges the configured refresh token for a Graph access token in one tenant.</summary>
public interface IGraphTokenExchange
{
    Task<AccessToken> ExchangeAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps one Graph access token per tenant and renews it shortly before it expires. One renewal per tenant runs at
/// a time; callers for other tenants do not wait for it.
/// </summary>
internal sealed class GraphTokenCache(
    IGraphTokenExchange exchange,
    IOptions<GraphOptions> options,
    TimeProvider timeProvider,
    ILogger<GraphTokenCache> logger) : IGraphTokenProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, TenantToken> _tenants = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask<string> GetAccessTokenAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);

        var tenant = _tenants.GetOrAdd(tenantId, static _ => new TenantToken());
        if (IsUsable(tenant.Current))
        {
            return tenant.Current!.Value;
        }

        await tenant.Renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsUsable(tenant.Current))
            {
                return tenant.Current!.Value;
            }

            var token = await exchange.ExchangeAsync(tenantId, correlationId, cancellationToken).ConfigureAwait(false);
            Log.GraphAccessTokenRenewed(logger, tenantId, token.ExpiresOn, correlationId);
            tenant.Current = token;
            return token.Value;
        }
        finally
        {
            tenant.Renewal.Release();
        }
    }

    public void Dispose()
    {
        foreach (var tenant in _tenants.Values)
        {
            tenant.Renewal.Dispose();
        }
    }

    private bool IsUsable(AccessToken? token) =>
        token is not null &&
        token.ExpiresOn - options.Value.Authentication.TokenRenewalMargin > timeProvider.GetUtcNow();

    private sealed class TenantToken
    {
        public SemaphoreSlim Renewal { get; } = new(1, 1);

        public AccessToken? Current { get; set; }
    }
}

/// <summary>Sends the sandbox's fixed token with the tenant id appended, which only the PartnerBot sandbox accepts.</summary>
internal sealed class GraphSandboxTokenProvider(IOptions<GraphOptions> options) : IGraphTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"{options.Value.Authentication.SandboxAccessToken}.{tenantId}");
}
