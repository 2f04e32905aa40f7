using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.Authentication;
using PartnerBot.ResetClient.PartnerCenter;

namespace PartnerBot.ResetClient.Tests;

public sealed class TokenProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Token_is_reused_until_near_expiry()
    {
        var clock = new ManualTimeProvider(Start);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));
        using var provider = CreateProvider(exchange, clock);
        await provider.GetAccessTokenAsync(Guid.NewGuid(), default);
        clock.Advance(TimeSpan.FromMinutes(50));

        var token = await provider.GetAccessTokenAsync(Guid.NewGuid(), default);

        Assert.Equal("token-1", token);
        Assert.Equal(1, exchange.Calls);
    }

    [Fact]
    public async Task Token_is_renewed_within_margin()
    {
        var clock = new ManualTimeProvider(Start);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1));
        using var provider = CreateProvider(exchange, clock);
        await provider.GetAccessTokenAsync(Guid.NewGuid(), default);
        clock.Advance(TimeSpan.FromMinutes(56));

        var token = await provider.GetAccessTokenAsync(Guid.NewGuid(), default);

        Assert.Equal("token-2", token);
        Assert.Equal(2, exchange.Calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_exchange()
    {
        var clock = new ManualTimeProvider(Start);
        var exchange = new CountingExchange(clock, TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(100));
        using var provider = CreateProvider(exchange, clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAccessTokenAsync(Guid.NewGuid(), default).AsTask()));

        Assert.All(tokens, token => Assert.Equal("token-1", token));
        Assert.Equal(1, exchange.Calls);
    }

    private static SecureApplicationModelTokenProvider CreateProvider(IRefreshTokenExchange exchange, TimeProvider clock) => new(
        exchange,
        Options.Create(new PartnerCenterOptions()),
        clock,
        NullLogger<SecureApplicationModelTokenProvider>.Instance);

    private sealed class CountingExchange(TimeProvider clock, TimeSpan lifetime, TimeSpan? delay = null) : IRefreshTokenExchange
    {
        private int _calls;

        public int Calls => _calls;

        public async Task<AccessToken> ExchangeAsync(Guid correlationId, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (delay is { } wait)
            {
                await Task.Delay(wait, cancellationToken);
            }

            return new AccessToken($"token-{call}", clock.GetUtcNow() + lifetime);
        }
    }
}
