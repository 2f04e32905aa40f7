using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>"cancel" typed during each step, and "reset password" typed while a request is open.</summary>
public class CancelTests : FlowTestBase
{
    private const string CancelledSentence = "Your password reset request is cancelled. Nothing was reset.";

    public enum Step
    {
        SelectingCustomer,
        SelectingUser,
        Confirming,
        AwaitingApproval,
    }

    [Theory]
    [InlineData(Step.SelectingCustomer)]
    [InlineData(Step.SelectingUser)]
    [InlineData(Step.Confirming)]
    [InlineData(Step.AwaitingApproval)]
    public async Task Typed_cancel_ends_request(Step step)
    {
        var requestId = await AdvanceToAsync(step);
        var mark = Harness.Mark();

        await Harness.SayAsync(Requester, "cancel");
        var reply = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => activity["text"] is not null);

        Assert.Equal(CancelledSentence, reply["text"]!.GetValue<string>());
        Assert.Equal(ResetRequestStatus.Cancelled, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Single(await Harness.AuditEventsAsync(requestId), auditEvent => auditEvent.Action == "cancelled");
    }

    [Fact]
    public async Task Cancelled_approval_cannot_be_approved()
    {
        var requestId = await AdvanceToAsync(Step.AwaitingApproval);
        var approverCardId = CardActivityId(Approver.PersonalConversationId, requestId, "Approval needed");
        await Harness.SayAsync(Requester, "cancel");

        var response = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        Assert.Contains("Cancelled by the requester.", CardOf(response), StringComparison.Ordinal);
        Assert.Contains(Harness.UpdatesOf(approverCardId), activity => TextOf(activity).Contains("Cancelled by the requester.", StringComparison.Ordinal));
        Assert.Equal(ResetRequestStatus.Cancelled, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    [Fact]
    public async Task Cancel_without_request_says_so()
    {
        var mark = Harness.Mark();

        await Harness.SayAsync(Requester, "cancel");
        var reply = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => activity["text"] is not null);

        Assert.Equal("There is no open request to cancel.", reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Second_start_offers_resume()
    {
        var requestId = await AdvanceToAsync(Step.SelectingUser);
        var mark = Harness.Mark();

        await Harness.SayAsync(Requester, "reset password");
        var resume = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => TextOf(activity).Contains("already have a password reset request open", StringComparison.Ordinal));

        Assert.Equal(["Continue", "Start over"], ButtonTitles(resume["attachments"]![0]!["content"]!));
        Assert.Equal(requestId, RequestIdOf(resume["attachments"]![0]!["content"]!));
        Assert.DoesNotContain(Harness.SentSince(mark, Requester.PersonalConversationId), activity => TextOf(activity).Contains("choose the customer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Continue_returns_to_current_step()
    {
        var requestId = await AdvanceToAsync(Step.SelectingUser);
        var version = (await Harness.ReadRequestAsync(requestId))!.Version;
        await Harness.SayAsync(Requester, "reset password");

        var response = await Harness.ClickAsync(Requester, Verbs.Continue, Data(requestId));

        Assert.Contains("choose the user", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Start_over_replaces_request()
    {
        var requestId = await AdvanceToAsync(Step.Confirming);
        await Harness.SayAsync(Requester, "reset password");

        var response = await Harness.ClickAsync(Requester, Verbs.Restart, Data(requestId));
        var freshId = RequestIdOf(response["value"]!);

        Assert.Contains("choose the customer", CardOf(response), StringComparison.Ordinal);
        Assert.NotEqual(requestId, freshId);
        Assert.Equal(ResetRequestStatus.Cancelled, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(ResetRequestStatus.SelectingCustomer, (await Harness.ReadRequestAsync(freshId))!.Status);
    }

    [Fact]
    public async Task Restarted_request_completes()
    {
        var requestId = await AdvanceToAsync(Step.SelectingUser);
        await Harness.SayAsync(Requester, "reset password");
        var freshId = RequestIdOf((await Harness.ClickAsync(Requester, Verbs.Restart, Data(requestId)))["value"]!);

        await Harness.ChooseCustomerAsync(Requester, freshId, Harness.Muller);
        await Harness.ChooseUserAsync(Requester, freshId, Harness.PlainUser());
        await Harness.ClickAsync(Requester, Verbs.Submit, Data(freshId));
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(freshId));

        Assert.Equal(ResetRequestStatus.Completed, (await Harness.WaitForStatusAsync(freshId, ResetRequestStatus.Completed)).Status);
        Assert.Equal(1, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    private async Task<Guid> AdvanceToAsync(Step step)
    {
        if (step == Step.AwaitingApproval)
        {
            return await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        }

        var requestId = await Harness.StartRequestAsync(Requester);
        if (step >= Step.SelectingUser)
        {
            await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        }

        if (step >= Step.Confirming)
        {
            await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser());
        }

        return requestId;
    }
}
