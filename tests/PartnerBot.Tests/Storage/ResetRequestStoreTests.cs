using PartnerBot.Resets;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Storage;

[Collection(DatabaseCollection.Name)]
public sealed class ResetRequestStoreTests(DatabaseFixture databases)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stored_request_reads_back_equal(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);
        var record = NewRequest(ResetRequestStatus.AwaitingApproval);

        await store.InsertAsync(record, CancellationToken.None);
        var stored = await store.GetAsync(record.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(record with { Details = stored.Details }, stored);
        Assert.Equal(record.Details, stored.Details);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stale_version_loses_compare_and_set(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);
        var record = NewRequest(ResetRequestStatus.AwaitingApproval);
        await store.InsertAsync(record, CancellationToken.None);

        var approved = await store.TryMoveAsync(record, ResetRequestStatus.Approved, record.Details with { ApproverObjectId = Guid.NewGuid() }, Now, null, CancellationToken.None);
        var rejected = await store.TryMoveAsync(record, ResetRequestStatus.Rejected, record.Details, Now, null, CancellationToken.None);

        Assert.NotNull(approved);
        Assert.Equal(1, approved.Version);
        Assert.Null(rejected);
        var stored = await store.GetAsync(record.Id, CancellationToken.None);
        Assert.Equal(ResetRequestStatus.Approved, stored!.Status);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Concurrent_approvals_have_one_winner(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);

        for (var round = 0; round < 20; round++)
        {
            var record = NewRequest(ResetRequestStatus.AwaitingApproval);
            await store.InsertAsync(record, CancellationToken.None);

            var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
                store.TryMoveAsync(record, ResetRequestStatus.Approved, record.Details with { ApproverObjectId = Guid.NewGuid() }, Now, null, CancellationToken.None)));
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, result => result is not null);
        }
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Disallowed_move_throws_and_changes_nothing(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);
        var record = NewRequest(ResetRequestStatus.Rejected);
        await store.InsertAsync(record, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.TryMoveAsync(record, ResetRequestStatus.Approved, record.Details, Now, null, CancellationToken.None));

        var stored = await store.GetAsync(record.Id, CancellationToken.None);
        Assert.Equal(ResetRequestStatus.Rejected, stored!.Status);
        Assert.Equal(0, stored.Version);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Open_request_found_per_conversation(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);
        var open = NewRequest(ResetRequestStatus.SelectingUser);
        var finished = open with { Id = Guid.NewGuid(), Status = ResetRequestStatus.Completed };
        var otherConversation = open with { Id = Guid.NewGuid(), ConversationId = "another-conversation" };
        await store.InsertAsync(finished, CancellationToken.None);
        await store.InsertAsync(open, CancellationToken.None);
        await store.InsertAsync(otherConversation, CancellationToken.None);

        var found = await store.FindOpenAsync(open.RequesterObjectId, open.ConversationId, CancellationToken.None);
        var none = await store.FindOpenAsync(Guid.NewGuid(), open.ConversationId, CancellationToken.None);

        Assert.Equal(open.Id, found?.Id);
        Assert.Null(none);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Expired_list_skips_started_resets(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var store = new ResetRequestStore(database);
        var overdue = NewRequest(ResetRequestStatus.AwaitingApproval) with { ExpiresAt = Now.AddMinutes(-1) };
        var resetting = NewRequest(ResetRequestStatus.Resetting) with { ExpiresAt = Now.AddMinutes(-1) };
        var current = NewRequest(ResetRequestStatus.AwaitingApproval) with { ExpiresAt = Now.AddMinutes(5) };
        foreach (var record in new[] { overdue, resetting, current })
        {
            await store.InsertAsync(record, CancellationToken.None);
        }

        var expired = await store.ListExpiredAsync(Now, 100, CancellationToken.None);

        Assert.Equal([overdue.Id], expired.Select(record => record.Id));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Migrations_apply_once(StorageProvider provider)
    {
        var options = await databases.CreateOptionsAsync(provider);
        await using var database = Database.Create(options);
        var runner = new MigrationRunner(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(CancellationToken.None);
        var second = await runner.ApplyAsync(CancellationToken.None);

        Assert.Equal(runner.Available.Count, first);
        Assert.Equal(0, second);
    }

    private static ResetRequestRecord NewRequest(ResetRequestStatus status) => new()
    {
        Id = Guid.NewGuid(),
        RequesterObjectId = Guid.NewGuid(),
        ConversationId = "a:1Xz-conversation",
        Status = status,
        CorrelationId = Guid.NewGuid(),
        Details = new ResetRequestDetails
        {
            CustomerId = "4a7f3c2e-9d10-4b8e-a5f6-0c1d2e3f4a5b",
            CustomerName = "Müller Logistik GmbH",
            CustomerDomain = "mueller-logistik.example",
            UserId = "9b8c7d6e-5f4a-3b2c-1d0e-fa9b8c7d6e5f",
            UserPrincipalName = "jürgen@mueller-logistik.example",
            UserDisplayName = "Jürgen \"JJ\" O'Brien [admin](https://example.com)",
            Reason = "Ticket #4711",
            ResetOperationId = Guid.NewGuid(),
        },
        CreatedAt = Now,
        UpdatedAt = Now,
        ExpiresAt = Now.AddMinutes(30),
    };
}
