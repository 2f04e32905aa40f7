using System.Net;
using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Directory failures during card steps and after approval, and the resume card's outcome. These failed before the
/// product returned one sentence for card-step failures; they stay as regression tests.
/// </summary>
public sealed class CardStepFailureTests : FlowTestBase
{
    [Fact]
    public async Task User_from_other_customer_is_refused()
    {
        var contoso = Harness.Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.ContosoMegacorpId))!;
        var foreignUser = Harness.Sandbox.Directory.GetUser(contoso, 4);
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.PostClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", foreignUser.Id.ToString())));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(SentenceOf(JsonNode.Parse(text)!.AsObject()) ?? CardOf(JsonNode.Parse(text)!.AsObject()));
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Unknown_customer_id_is_refused()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.PostClickAsync(Requester, Verbs.CustomerPick, Data(requestId, ("customerId", Guid.NewGuid().ToString())));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(SentenceOf(JsonNode.Parse(text)!.AsObject()) ?? CardOf(JsonNode.Parse(text)!.AsObject()));
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Former_customer_search_explains_relationship()
    {
        var former = Harness.Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.FormerCustomerId))!;
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, former);

        var response = await Harness.PostClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", "a")));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no partner relationship", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_deleted_before_reset_fails_request()
    {
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target);
        Harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("GET", $"/v1/customers/{Harness.Muller.Id}/users/{target.Id}", SandboxFault.Parse("error=60002"), Count: 100));
        var mark = Harness.Mark();

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var workerError = await WaitForApprovalTakeoverAsync();
        var notice = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => activity["text"] is not null, TimeSpan.FromSeconds(5));

        Assert.Null(workerError);
        Assert.Contains("The user was not found", notice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Failed, (await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed, TimeSpan.FromSeconds(5))).Status);
    }

    [Fact]
    public async Task Resumed_card_shows_outcome()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var mark = Harness.Mark();
        await Harness.SayAsync(Requester, "reset password");
        var resumeCard = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => TextOf(activity).Contains("already have a password reset request open", StringComparison.Ordinal));
        var resumeCardId = Harness.Connector.ActivityIdOf(resumeCard)!;

        await Harness.ClickAsync(Requester, Verbs.Continue, Data(requestId), cardActivityId: resumeCardId);
        await Harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", Harness.PlainUser().Id.ToString())), cardActivityId: resumeCardId);
        await Harness.ClickAsync(Requester, Verbs.Submit, Data(requestId), cardActivityId: resumeCardId);
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        var updated = await Record.ExceptionAsync(() => Harness.WaitForUpdateAsync(resumeCardId, activity => TextOf(activity).Contains("The password was reset", StringComparison.Ordinal), TimeSpan.FromSeconds(5)));

        Assert.Null(updated);
    }

    /// <summary>
    /// Waits for the background completion to give up, then lets the worker take over the approval as after a crash.
    /// Returns the exception that the worker pass threw, or null.
    /// </summary>
    private async Task<Exception?> WaitForApprovalTakeoverAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!Harness.Factory.Logs.Entries.Any(entry => entry.EventId.Id is 5012 or 5008) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        Harness.Clock.Advance(TimeSpan.FromMinutes(3));
        return await Record.ExceptionAsync(() => Harness.Worker.RunOnceAsync(CancellationToken.None));
    }
}
