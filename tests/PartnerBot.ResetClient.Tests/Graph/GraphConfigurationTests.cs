using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.Authentication;
using PartnerBot.ResetClient.Graph;

namespace PartnerBot.ResetClient.Tests.Graph;

public sealed class GraphConfigurationTests
{
    [Fact]
    public void Missing_credentials_name_their_keys()
    {
        using var provider = Build(new Dictionary<string, string?>());

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GraphOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:Authentication:TenantId is missing", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:Authentication:ClientId is missing", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:Authentication:RefreshToken is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_values_name_their_keys()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Graph:Authentication:Mode"] = "Sandbox",
            ["Graph:BaseAddress"] = "ftp://example.test/",
            ["Graph:MaxRetryAttempts"] = "11",
            ["Graph:StaffGroups:MembershipCacheTimeToLive"] = "00:00:00",
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GraphOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:BaseAddress", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:MaxRetryAttempts is 11", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.StartsWith("Graph:StaffGroups:MembershipCacheTimeToLive", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_point_at_Microsoft_Graph()
    {
        var options = new GraphOptions();

        Assert.Equal(new Uri("https://graph.microsoft.com/"), options.BaseAddress);
        Assert.Equal("https://graph.microsoft.com/.default", options.Authentication.Scope);
        Assert.Equal(TimeSpan.FromMinutes(5), options.StaffGroups.MembershipCacheTimeToLive);
    }

    [Fact]
    public void Both_backends_register_side_by_side()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["Graph:Authentication:Mode"] = "Sandbox",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPartnerCenterResetClient(configuration.GetSection("PartnerCenter"));
        services.AddGraphResetClient(configuration.GetSection("Graph"));
        using var provider = services.BuildServiceProvider();

        var directory = provider.GetRequiredService<ICustomerDirectory>();
        var graph = provider.GetRequiredService<GraphCustomerDirectory>();

        Assert.IsNotType<GraphCustomerDirectory>(directory);
        Assert.NotNull(graph);
    }

    [Fact]
    public async Task Token_cache_exchanges_once_per_tenant()
    {
        var exchange = new CountingExchange();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
        using var cache = new GraphTokenCache(exchange, Options.Create(new GraphOptions()), clock, NullLogger<GraphTokenCache>.Instance);

        var first = await cache.GetAccessTokenAsync("tenant-a", Guid.NewGuid(), default);
        var again = await cache.GetAccessTokenAsync("tenant-a", Guid.NewGuid(), default);
        var other = await cache.GetAccessTokenAsync("tenant-b", Guid.NewGuid(), default);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(["tenant-a", "tenant-b"], exchange.Tenants);
    }

    [Fact]
    public async Task Token_is_renewed_before_it_expires()
    {
        var exchange = new CountingExchange();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
        exchange.Clock = clock;
        using var cache = new GraphTokenCache(exchange, Options.Create(new GraphOptions()), clock, NullLogger<GraphTokenCache>.Instance);
        await cache.GetAccessTokenAsync("tenant-a", Guid.NewGuid(), default);

        clock.Advance(TimeSpan.FromMinutes(56));
        await cache.GetAccessTokenAsync("tenant-a", Guid.NewGuid(), default);

        Assert.Equal(2, exchange.Tenants.Count);
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddGraphResetClient(configuration.GetSection("Graph"));
        return services.BuildServiceProvider();
    }

    // Issues one-hour tokens that name their tenant and a sequence number.
    private sealed class CountingExchange : IGraphTokenExchange
    {
        public List<string> Tenants { get; } = [];

        public TimeProvider Clock { get; set; } = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));

        public Task<AccessToken> ExchangeAsync(string tenantId, Guid correlationId, CancellationToken cancellationToken)
        {
            Tenants.Add(tenantId);
            return Task.FromResult(new AccessToken($"token-{tenantId}-{Tenants.Count}", Clock.GetUtcNow().AddHours(1)));
        }
    }
}
