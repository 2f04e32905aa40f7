using System.Net;
using System.Text.Json.Nodes;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Bot;

/// <summary>Activities posted to /api/messages, with replies captured by a local Bot Connector stand-in.</summary>
public sealed class CommandTurnTests : IAsyncLifetime
{
    private ConnectorRecorder connector = null!;
    private PartnerBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await ConnectorRecorder.StartAsync();
        factory = new PartnerBotFactory();
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        await connector.DisposeAsync();
    }

    [Fact]
    public async Task Help_replies_with_help_card()
    {
        var activity = Activities.Message(connector.ServiceUrl, "help");

        var response = await client.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(connector.SentActivities);
        var card = Activities.ReadCard(reply);
        Assert.NotNull(card);
        Assert.Equal("AdaptiveCard", card["type"]?.GetValue<string>());
        Assert.Contains("PartnerBot help", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("reset password", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("  Help  ")]
    [InlineData("\nhelp\r\n")]
    public async Task Help_ignores_case_and_whitespace(string text)
    {
        var activity = Activities.Message(connector.ServiceUrl, text);

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        Assert.NotNull(Activities.ReadCard(reply));
    }

    [Fact]
    public async Task Channel_mention_is_removed_before_matching()
    {
        var mention = new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>PartnerBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        };
        var activity = Activities.Message(connector.ServiceUrl, "<at>PartnerBot</at>\n help \n", conversationType: "channel", entities: [mention]);

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        Assert.NotNull(Activities.ReadCard(reply));
    }

    [Fact]
    public async Task Cancel_without_request_says_so()
    {
        var activity = Activities.Message(connector.ServiceUrl, "cancel");

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        Assert.Equal("There is no open request to cancel.", Activities.ReadText(reply));
    }

    [Theory]
    [InlineData("reset my password please")]
    [InlineData("helpme")]
    [InlineData("[help](https://example.com)")]
    [InlineData("")]
    public async Task Other_text_gets_one_line_hint(string text)
    {
        var activity = Activities.Message(connector.ServiceUrl, text);

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        Assert.Equal("I didn't recognise that. Type help to see what I can do.", Activities.ReadText(reply));
        Assert.Equal("plain", reply["textFormat"]?.GetValue<string>());
    }

    [Fact]
    public async Task Personal_install_sends_welcome()
    {
        var activity = Activities.InstallationAdded(connector.ServiceUrl);

        await client.PostAsync(activity);

        var reply = Assert.Single(connector.SentActivities);
        Assert.StartsWith("Hi, I'm PartnerBot.", Activities.ReadText(reply), StringComparison.Ordinal);
        Assert.Contains("helpdesk staff and approvers", Activities.ReadText(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Team_install_sends_no_welcome()
    {
        var activity = Activities.InstallationAdded(connector.ServiceUrl, conversationType: "channel");

        await client.PostAsync(activity);

        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Unknown_card_verb_returns_error_card()
    {
        var activity = Activities.CardAction(connector.ServiceUrl, "somethingElse");

        var response = await client.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]?.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
        Assert.Contains("This card action is not recognised.", body["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_400()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Liveness_probe_reports_healthy()
    {
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
