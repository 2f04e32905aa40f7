using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Bot;

public sealed partial class TurnErrorTests : IAsyncLifetime
{
    private const string SecretExceptionText = "connection string Password=hunter2 leaked";

    private ConnectorRecorder connector = null!;
    private PartnerBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await ConnectorRecorder.StartAsync();
        factory = new PartnerBotFactory(configureServices: services => services.AddTransient<IBot, ThrowingBot>());
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        await connector.DisposeAsync();
    }

    [Fact]
    public async Task Failed_turn_shows_reference_not_exception()
    {
        var activity = Activities.Message(connector.ServiceUrl, "help");

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        var text = Activities.ReadText(reply);
        Assert.Matches(ReferencePattern(), text);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_turn_is_logged_once_with_ids()
    {
        var activity = Activities.Message(connector.ServiceUrl, "help");

        await client.PostAsync(activity);

        var logged = Assert.Single(factory.Logs.Entries, entry => entry.Exception is not null);
        Assert.Equal(2002, logged.EventId.Id);
        Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Equal(activity["id"]!.GetValue<string>(), logged.Properties["ActivityId"]);
        Assert.Equal(activity["conversation"]!["id"]!.GetValue<string>(), logged.Properties["ConversationId"]);
        var shownReference = ReferencePattern().Match(Activities.ReadText(Assert.Single(connector.SentActivities))).Value;
        Assert.Equal(shownReference, logged.Properties["ReferenceId"]);
    }

    [GeneratedRegex("PB-[2-9A-HJ-NP-Z]{8}")]
    private static partial Regex ReferencePattern();

    private sealed class ThrowingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(SecretExceptionText);
    }
}
