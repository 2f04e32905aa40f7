using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using PartnerBot.Bot;
using PartnerBot.Storage;

namespace PartnerBot.Tests.Storage;

[Collection(DatabaseCollection.Name)]
public sealed class BotStorageTests(DatabaseFixture databases)
{
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Conversation_state_survives_new_instance(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var storage = new DatabaseBotStorage(new DocumentStore(database));
        var adapter = new TestAdapter();

        await RunTurnAsync(adapter, new ConversationState(storage), async (state, turn) =>
            await state.CreateProperty<TicketNote>("note").SetAsync(turn, new TicketNote { Ticket = "#4711", Attempts = 2 }));
        TicketNote? read = null;
        await RunTurnAsync(adapter, new ConversationState(storage), async (state, turn) =>
            read = await state.CreateProperty<TicketNote>("note").GetAsync(turn, () => new TicketNote()));

        Assert.Equal("#4711", read?.Ticket);
        Assert.Equal(2, read?.Attempts);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Stale_etag_write_throws(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var storage = new DatabaseBotStorage(new DocumentStore(database));
        var first = new TicketNote { Ticket = "#1" };
        await storage.WriteAsync(new Dictionary<string, object> { ["key"] = first });
        var staleETag = first.ETag;
        await storage.WriteAsync(new Dictionary<string, object> { ["key"] = new TicketNote { Ticket = "#2", ETag = staleETag } });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            storage.WriteAsync(new Dictionary<string, object> { ["key"] = new TicketNote { Ticket = "#3", ETag = staleETag } }));

        Assert.Contains("Etag conflict", exception.Message, StringComparison.Ordinal);
        var stored = await storage.ReadAsync(["key"]);
        Assert.Equal("#2", ((Dictionary<string, object>)stored["key"])["Ticket"]);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Wildcard_etag_overwrites(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var storage = new DatabaseBotStorage(new DocumentStore(database));
        await storage.WriteAsync(new Dictionary<string, object> { ["key"] = new TicketNote { Ticket = "#1" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["key"] = new TicketNote { Ticket = "#2", ETag = "*" } });

        var stored = await storage.ReadAsync(["key"]);
        Assert.Equal("#2", ((Dictionary<string, object>)stored["key"])["Ticket"]);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Deleted_key_reads_as_missing(StorageProvider provider)
    {
        await using var database = await databases.CreateMigratedDatabaseAsync(provider);
        var storage = new DatabaseBotStorage(new DocumentStore(database));
        await storage.WriteAsync(new Dictionary<string, object> { ["gone"] = new TicketNote(), ["kept"] = new TicketNote() });

        await storage.DeleteAsync(["gone"]);

        var stored = await storage.ReadAsync(["gone", "kept"]);
        Assert.Equal(["kept"], stored.Keys);
    }

    private static async Task RunTurnAsync(TestAdapter adapter, ConversationState state, Func<ConversationState, ITurnContext, Task> work)
    {
        await new TestFlow(adapter, async (turn, cancellationToken) =>
            {
                await work(state, turn);
                await state.SaveChangesAsync(turn, cancellationToken: cancellationToken);
            })
            .Send("hello")
            .StartTestAsync();
    }

    private sealed class TicketNote : IStoreItem
    {
        public string? Ticket { get; set; }

        public int Attempts { get; set; }

        public string? ETag { get; set; }
    }
}
