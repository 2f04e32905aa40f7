using System.Data.Common;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Storage;

[Collection(DatabaseCollection.Name)]
public sealed class AuditTrailTests(DatabaseFixture databases)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Latest_events_page_newest_first(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var trail = new AuditTrail(database);
        for (var index = 0; index < 25; index++)
        {
            await trail.AppendAsync(NewEvent($"step-{index}", Start.AddMinutes(index)), CancellationToken.None);
        }

        var firstPage = await trail.ListLatestAsync(10, null, CancellationToken.None);
        var secondPage = await trail.ListLatestAsync(10, firstPage[^1].Sequence, CancellationToken.None);
        var lastPage = await trail.ListLatestAsync(10, secondPage[^1].Sequence, CancellationToken.None);

        Assert.Equal("step-24", firstPage[0].Action);
        Assert.Equal("step-15", firstPage[^1].Action);
        Assert.Equal("step-14", secondPage[0].Action);
        Assert.Equal(5, lastPage.Count);
        Assert.Equal("step-0", lastPage[^1].Action);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stored_event_reads_back_equal(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var trail = new AuditTrail(database);
        var appended = NewEvent("approved", Start);

        await trail.AppendAsync(appended, CancellationToken.None);
        var stored = Assert.Single(await trail.ListLatestAsync(5, null, CancellationToken.None));

        Assert.Equal(appended with { Sequence = stored.Sequence }, stored);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Audit_rows_cannot_be_updated(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        await new AuditTrail(database).AppendAsync(NewEvent("reset", Start), CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE audit_events SET outcome = 'tampered'";

        var exception = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Retention_deletes_only_older_events(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var trail = new AuditTrail(database);
        await trail.AppendAsync(NewEvent("old", Start.AddDays(-400)), CancellationToken.None);
        await trail.AppendAsync(NewEvent("recent", Start), CancellationToken.None);

        var deleted = await trail.DeleteOlderThanAsync(Start.AddDays(-365), CancellationToken.None);

        Assert.Equal(1, deleted);
        var remaining = Assert.Single(await trail.ListLatestAsync(10, null, CancellationToken.None));
        Assert.Equal("recent", remaining.Action);
    }

    private static AuditEvent NewEvent(string action, DateTimeOffset occurredAt) => new()
    {
        OccurredAt = occurredAt,
        RequestId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid(),
        Action = action,
        ActorObjectId = Guid.NewGuid(),
        CustomerId = "4a7f3c2e-9d10-4b8e-a5f6-0c1d2e3f4a5b",
        UserId = "9b8c7d6e-5f4a-3b2c-1d0e-fa9b8c7d6e5f",
        Outcome = "Completed",
        Details = "Ticket #4711",
    };
}
