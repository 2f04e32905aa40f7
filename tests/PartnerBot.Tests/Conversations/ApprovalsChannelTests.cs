using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Approval cards posted to a channel that an approver chose, instead of to each approver privately.</summary>
public sealed class ApprovalsChannelTests : FlowTestBase
{
    private static readonly ConversationRef Channel = new("19:approvals@thread.tacv2", "channel");

    [Fact]
    public async Task Approver_sets_approvals_channel()
    {
        var mark = Harness.Mark();

        await Harness.SayAsync(Approver, "set approvals channel", Channel);

        Assert.Contains(Harness.SentSince(mark, Channel.Id), activity => TextOf(activity) == "Approval requests will now be posted in this channel.");
    }

    [Fact]
    public async Task Helpdesk_agent_cannot_set_channel()
    {
        var mark = Harness.Mark();

        await Harness.SayAsync(Requester, "set approvals channel", Channel);

        Assert.Contains(Harness.SentSince(mark, Channel.Id), activity => TextOf(activity) == "Only PartnerBot approvers can approve or reject password resets.");
    }

    [Fact]
    public async Task Channel_command_outside_channel_explains()
    {
        var mark = Harness.Mark();

        await Harness.SayAsync(Approver, "set approvals channel");

        Assert.Contains(Harness.SentSince(mark, Approver.PersonalConversationId), activity => TextOf(activity) == "Type this command in the channel that should receive approval requests.");
    }

    [Fact]
    public async Task Channel_card_refreshes_buttons_for_approvers()
    {
        await Harness.SayAsync(Approver, "set approvals channel", Channel);
        var mark = Harness.Mark();

        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var channelCard = await Harness.WaitForSentSinceAsync(mark, Channel.Id, activity => TextOf(activity).Contains("Approval needed", StringComparison.Ordinal));
        var content = channelCard["attachments"]![0]!["content"]!;
        var refreshed = await Harness.ClickAsync(Approver, Verbs.Refresh, new JsonObject { ["requestId"] = requestId.ToString() }, Channel, Harness.Connector.ActivityIdOf(channelCard));

        Assert.DoesNotContain("Approve", ButtonTitles(content));
        Assert.Contains(Approver.TeamsUserId, content["refresh"]!["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Contains("Approve", ButtonTitles(refreshed["value"]!));
        Assert.DoesNotContain(Harness.SentSince(mark, Approver.PersonalConversationId), activity => TextOf(activity).Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approval_from_channel_resets()
    {
        await Harness.SayAsync(Approver, "set approvals channel", Channel);
        var mark = Harness.Mark();
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target);
        var channelCard = await Harness.WaitForSentSinceAsync(mark, Channel.Id, activity => TextOf(activity).Contains("Approval needed", StringComparison.Ordinal));

        await Harness.ClickAsync(SecondApprover, Verbs.Approve, new JsonObject { ["requestId"] = requestId.ToString() }, Channel, Harness.Connector.ActivityIdOf(channelCard));
        var privateMessage = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, IsPasswordMessage);

        Assert.True(Harness.Sandbox.PasswordMatches(Harness.Muller.Id, target.Id, PasswordIn(privateMessage)));
        Assert.DoesNotContain(Harness.SentTo(Channel.Id), activity => TextOf(activity).Contains(PasswordIn(privateMessage), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stranger_refresh_gets_no_card()
    {
        await Harness.SayAsync(Approver, "set approvals channel", Channel);
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());

        var response = await Harness.ClickAsync(Stranger, Verbs.Refresh, new JsonObject { ["requestId"] = requestId.ToString() }, Channel);

        Assert.Equal("Only PartnerBot approvers can approve or reject password resets.", SentenceOf(response));
    }
}

/// <summary>Teams' type-ahead in the customer list (invoke "application/search"), which the Agents Playground does not send.</summary>
public sealed class CustomerTypeAheadTests : FlowTestBase
{
    [Fact]
    public async Task Type_ahead_returns_matching_customers()
    {
        var results = await SearchAsync(Requester, "Müller Log");

        Assert.Contains(results, result => result?["value"]?.GetValue<string>() == WellKnownCustomers.MullerLogistikId);
        Assert.All(results, result => Assert.StartsWith("Müller Log", result?["title"]?.GetValue<string>(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Type_ahead_is_empty_for_strangers()
    {
        var results = await SearchAsync(Stranger, "Müller");

        Assert.Empty(results);
    }

    private async Task<JsonArray> SearchAsync(Person person, string query)
    {
        var activity = new JsonObject
        {
            ["type"] = "invoke",
            ["name"] = "application/search",
            ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = Harness.Connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.ObjectId.ToString() },
            ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JsonObject { ["id"] = person.PersonalConversationId, ["conversationType"] = "personal", ["tenantId"] = PartnerBotFactory.PartnerTenantId },
            ["value"] = new JsonObject { ["queryText"] = query, ["dataset"] = ResetCardBuilder.CustomerDataset },
        };

        var response = await Harness.Client.PostAsJsonAsync("/api/messages", activity);

        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.search.searchResponse", body["type"]?.GetValue<string>());
        return body["value"]!["results"]!.AsArray();
    }
}
