using System.Text.Json.Nodes;
using PartnerBot.Cards;
using PartnerBot.Conversations;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

public sealed class CardContentTests : FlowTestBase
{
    [Fact]
    public void Navigation_buttons_send_no_inputs()
    {
        var card = JsonNode.Parse(new ResetCardBuilder(new CardRenderer()).CustomerSearch(Guid.NewGuid(), "contoso", [], "next-page", null))!;

        var actions = FindActions(card).ToDictionary(action => action["title"]!.GetValue<string>());

        Assert.Equal("none", actions["Cancel"]["associatedInputs"]?.GetValue<string>());
        Assert.Null(actions["Search"]["associatedInputs"]);
    }

    [Fact]
    public async Task Approval_comment_reaches_requester_card()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var requesterCardId = CardActivityId(Requester.PersonalConversationId, requestId, "choose the customer");

        await Harness.ClickAsync(Approver, Verbs.Approve, new JsonObject { ["requestId"] = requestId.ToString(), ["comment"] = "ok, ticket checked" });
        var updated = await Harness.WaitForUpdateAsync(requesterCardId, activity => TextOf(activity).Contains("password was reset", StringComparison.Ordinal));

        Assert.Contains("Approved by Bruno Approver: ok, ticket checked.", TextOf(updated), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_card_shows_reason_and_comment()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        await Harness.ClickAsync(Approver, Verbs.Reject, new JsonObject { ["requestId"] = requestId.ToString(), ["comment"] = "caller not verified" });
        var mark = Harness.Mark();

        await Harness.SayAsync(Approver, "audit");

        var card = TextOf(Harness.SentSince(mark, Approver.PersonalConversationId).Single());
        Assert.Contains("Ticket #4711", card, StringComparison.Ordinal);
        Assert.Contains("caller not verified", card, StringComparison.Ordinal);
    }
}
