using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>The reset conversation end to end over HTTP, with two identities and the Partner Center sandbox.</summary>
public sealed class ResetFlowTests : IAsyncLifetime
{
    private FlowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync();

        // Approvers have talked to the bot once, so it has stored their personal conversations.
        await harness.SayAsync(Approver, "help");
        await harness.SayAsync(SecondApprover, "help");
    }

    public async Task DisposeAsync()
    {
        await harness.WaitForBackgroundWorkAsync();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Approved_request_resets_and_delivers_privately()
    {
        var target = harness.PlainUser();

        var requestId = await RequestApprovalAsync(target);
        var approvalCard = await harness.WaitForSentAsync(Approver.PersonalConversationId, activity => CardText(activity).Contains("Approval needed", StringComparison.Ordinal));
        var decision = await harness.ClickAsync(Approver, Verbs.Approve, new JsonObject { ["requestId"] = requestId.ToString() });
        var privateMessage = await harness.WaitForSentAsync(Requester.PersonalConversationId, activity => activity["text"]?.GetValue<string>().StartsWith("Temporary password", StringComparison.Ordinal) == true);

        Assert.Contains("Approve", ButtonTitles(approvalCard["attachments"]![0]!["content"]!));
        Assert.Contains("Approved by Bruno Approver", Json(decision["value"]), StringComparison.Ordinal);
        var password = ExtractPassword(privateMessage["text"]!.GetValue<string>());
        Assert.True(harness.Sandbox.PasswordMatches(harness.Muller.Id, target.Id, password), "The sandbox should hold the password that was sent privately.");
        Assert.Equal(1, harness.Sandbox.ResetCount(harness.Muller.Id, target.Id));
        Assert.Equal("plain", privateMessage["textFormat"]?.GetValue<string>());
    }

    [Fact]
    public async Task Stranger_cannot_approve()
    {
        var requestId = await RequestApprovalAsync(harness.PlainUser());

        var response = await harness.ClickAsync(Stranger, Verbs.Approve, new JsonObject { ["requestId"] = requestId.ToString() });

        Assert.Equal("Only PartnerBot approvers can approve or reject password resets.", response["value"]?.GetValue<string>());
        Assert.Equal(0, harness.Sandbox.ResetCount(harness.Muller.Id, harness.PlainUser().Id));
    }

    /// <summary>Walks the requester through search, pick and confirm, and returns the request id.</summary>
    private async Task<Guid> RequestApprovalAsync(SandboxUser target)
    {
        await harness.SayAsync(Requester, "reset password");
        var searchCard = await harness.WaitForSentAsync(Requester.PersonalConversationId, activity => CardText(activity).Contains("choose the customer", StringComparison.Ordinal));
        var requestId = RequestIdOf(searchCard["attachments"]![0]!["content"]!);
        var data = (string key, string value) => new JsonObject { ["requestId"] = requestId.ToString(), [key] = value };

        var results = await harness.ClickAsync(Requester, Verbs.CustomerSearch, data("customerQuery", "Müller Logistik"));
        Assert.True(Json(results["value"]).Contains(WellKnownCustomers.MullerLogistikName, StringComparison.Ordinal), Json(results["value"]));

        var userSearch = await harness.ClickAsync(Requester, Verbs.CustomerPick, data("customerId", WellKnownCustomers.MullerLogistikId));
        Assert.Contains("choose the user", Json(userSearch["value"]), StringComparison.Ordinal);

        var users = await harness.ClickAsync(Requester, Verbs.UserSearch, data("userQuery", target.DisplayName));
        Assert.Contains(target.UserPrincipalName, Json(users["value"]), StringComparison.Ordinal);

        var confirm = await harness.ClickAsync(Requester, Verbs.UserPick, data("userId", target.Id.ToString()));
        Assert.Contains("Request approval", ButtonTitles(confirm["value"]!));

        var waiting = await harness.ClickAsync(Requester, Verbs.Submit, data("reason", "Ticket #4711"));
        Assert.Contains("Waiting for approval.", Json(waiting["value"]), StringComparison.Ordinal);
        return requestId;
    }

    private static string ExtractPassword(string text) => text[(text.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
}
