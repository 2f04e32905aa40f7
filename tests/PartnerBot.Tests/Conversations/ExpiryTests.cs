using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Expiry of undecided approvals (ApprovalTimeout, 30 minutes) and idle prompts (PromptTimeout, 15 minutes).</summary>
public class ExpiryTests : FlowTestBase
{
    private const string ApprovalExpiredSentence = "Nobody approved this request in time, so it expired and no password was reset. Type reset password to ask again.";
    private const string PromptExpiredSentence = "This request expired because nobody acted on it in time. Type reset password to start again.";

    [Fact]
    public async Task Undecided_approval_expires_after_timeout()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var approverCardId = CardActivityId(Approver.PersonalConversationId, requestId, "Approval needed");
        var mark = Harness.Mark();

        Harness.Clock.Advance(TimeSpan.FromMinutes(31));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ResetRequestStatus.Expired, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Contains(Harness.SentSince(mark, Requester.PersonalConversationId), activity => activity["text"]?.GetValue<string>() == ApprovalExpiredSentence);
        Assert.Contains(Harness.UpdatesOf(approverCardId), activity => TextOf(activity).Contains(ApprovalExpiredSentence, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approval_stays_open_before_timeout()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());

        Harness.Clock.Advance(TimeSpan.FromMinutes(29));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ResetRequestStatus.AwaitingApproval, (await Harness.ReadRequestAsync(requestId))!.Status);
    }

    [Fact]
    public async Task Approve_after_expiry_changes_nothing()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        Harness.Clock.Advance(TimeSpan.FromMinutes(31));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);

        var response = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Contains(ApprovalExpiredSentence, CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Expired, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
        Assert.DoesNotContain(Harness.Sandbox.Recorder.Snapshot(), request => request.Method == "PATCH");
    }

    [Fact]
    public async Task Late_approval_before_worker_pass_expires()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        Harness.Clock.Advance(TimeSpan.FromMinutes(31));

        var response = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        Assert.Contains(ApprovalExpiredSentence, CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Expired, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    [Fact]
    public async Task Click_on_idle_prompt_gets_expiry()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        Harness.Clock.Advance(TimeSpan.FromMinutes(16));
        var mark = Harness.Mark();

        var response = await Harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", Harness.PlainUser().DisplayName)));

        // The card shows the expiry, and the chat gets the sentence once.
        Assert.Contains(PromptExpiredSentence, Json(response["value"]), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Expired, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Single(Harness.SentSince(mark, Requester.PersonalConversationId), activity => TextOf(activity) == PromptExpiredSentence);
    }

    [Fact]
    public async Task Worker_expires_idle_prompt()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var mark = Harness.Mark();
        Harness.Clock.Advance(TimeSpan.FromMinutes(16));

        await Harness.Worker.RunOnceAsync(CancellationToken.None);
        var response = await Harness.ClickAsync(Requester, Verbs.CustomerPick, Data(requestId, ("customerId", Harness.Muller.Id.ToString())));

        Assert.Equal(ResetRequestStatus.Expired, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Contains(Harness.SentSince(mark, Requester.PersonalConversationId), activity => activity["text"]?.GetValue<string>() == PromptExpiredSentence);
        Assert.Contains(PromptExpiredSentence, CardOf(response) ?? SentenceOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_keeps_prompt_open()
    {
        var requestId = await Harness.StartRequestAsync(Requester);

        Harness.Clock.Advance(TimeSpan.FromMinutes(10));
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        Harness.Clock.Advance(TimeSpan.FromMinutes(10));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(ResetRequestStatus.SelectingUser, (await Harness.ReadRequestAsync(requestId))!.Status);
    }
}
