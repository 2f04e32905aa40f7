using Npgsql;
using Xunit.Abstractions;

namespace PartnerBot.Scaling.Tests;

/// <summary>A bot process that starts on an empty PostgreSQL database while another instance holds the migration lock.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class FreshDatabaseTests(PostgreSqlFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    // The advisory lock key of MigrationRunner, copied because the runner keeps it private.
    private const long MigrationLockKey = 0x5061_7274_6E65_72;

    private ScalingHarness harness = null!;

    public async Task InitializeAsync() => harness = await ScalingHarness.StartAsync(output);

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Worker_waits_for_migrations()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var storage = new Dictionary<string, string> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = connectionString };
        // Without pooling, so that closing the connection ends the session and with it the lock.
        await using var otherInstance = new NpgsqlConnection(connectionString + ";Pooling=false");
        await otherInstance.OpenAsync();
        await using (var takeLock = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", otherInstance))
        {
            await takeLock.ExecuteNonQueryAsync();
        }

        // The bot's migrations wait for the lock, as they do while another instance migrates, for about three worker passes.
        var starting = harness.StartBotAsync("bot on an empty database", storage);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await otherInstance.CloseAsync();
        var bot = await starting;

        // A ResetWorker started before the migrations would query reset_requests before the table exists and log an
        // error on every pass until the migrations finish.
        Assert.DoesNotContain("The reset worker pass failed", bot.Output, StringComparison.Ordinal);
    }
}
