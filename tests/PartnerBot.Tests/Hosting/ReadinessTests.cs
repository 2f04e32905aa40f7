using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Ready_when_sqlite_answers()
    {
        await using var factory = new PartnerBotFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "partnerbot.db")), "The SQLite file should be created on first run.");
    }

    [Fact]
    public async Task Not_ready_when_postgresql_is_down()
    {
        var closedPort = ReserveClosedPort();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={closedPort};Username=partnerbot;Database=partnerbot;Timeout=2",
        };
        // Without the start-up migration the host starts while the database is down, as it would after an outage.
        await using var factory = new PartnerBotFactory(settings, configureServices: RemoveStartupMigration);
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/healthz/ready");
        var live = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static void RemoveStartupMigration(IServiceCollection services)
    {
        var migration = services.Single(descriptor => descriptor.ImplementationType?.Name == "MigrationHostedService");
        services.Remove(migration);
    }

    /// <summary>Returns a loopback port that nothing listens on.</summary>
    private static int ReserveClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
