using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Sandbox.Faults;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Partner Center failures during the reset itself, injected through the sandbox's fault plan.</summary>
public sealed class ResetFailureTests : FlowTestBase
{
    private const string ResetPath = "/v1/customers/*/users/*";

    [Fact]
    public async Task Exhausted_retries_fail_with_reference()
    {
        // One attempt plus PartnerCenter:MaxRetryAttempts (2) retries, all failing with 500.
        Harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", ResetPath, new SandboxFault { StatusCode = 500 }, Count: 3));
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var requesterCardId = CardActivityId(Requester.PersonalConversationId, requestId, "choose the customer");
        var mark = Harness.Mark();

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var failed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed);
        var notices = await WaitForTextsAsync(mark);
        var requesterCard = Json(await Harness.WaitForUpdateAsync(requesterCardId, activity => TextOf(activity).Contains("did not go through", StringComparison.Ordinal)));
        var patches = Harness.Sandbox.Recorder.Snapshot(failed.CorrelationId).Where(request => request.Method == "PATCH").ToArray();

        var notice = Assert.Single(notices);
        Assert.StartsWith("The password reset did not go through. Partner Center is having problems right now.", notice, StringComparison.Ordinal);
        Assert.Contains($"Reference: {failed.CorrelationId}.", notice, StringComparison.Ordinal);
        Assert.Contains($"Reference: {failed.CorrelationId}.", requesterCard, StringComparison.Ordinal);
        Assert.Equal(3, patches.Length);
        Assert.All(patches, patch => Assert.Equal(failed.Details.ResetOperationId, patch.RequestId));
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    [Fact]
    public async Task Failed_reset_is_not_sent_again()
    {
        Harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", ResetPath, new SandboxFault { StatusCode = 500 }, Count: 3));
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var failed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed);

        Harness.Clock.Advance(TimeSpan.FromMinutes(45));
        await Harness.Worker.RunOnceAsync(CancellationToken.None);
        await Harness.ClickAsync(SecondApprover, Verbs.Approve, Data(requestId));

        var patches = Harness.Sandbox.Recorder.Snapshot().Where(request => request.Method == "PATCH").ToArray();
        Assert.Equal(3, patches.Length);
        Assert.Single(patches.Select(patch => patch.RequestId).Distinct());
        Assert.Equal(ResetRequestStatus.Failed, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(failed.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Missing_user_fails_without_retry()
    {
        Harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", ResetPath, SandboxFault.Parse("error=60002")));
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var mark = Harness.Mark();

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var failed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed);
        var notice = Assert.Single(await WaitForTextsAsync(mark));

        Assert.Contains("The user was not found in the customer's directory.", notice, StringComparison.Ordinal);
        Assert.Contains($"Reference: {failed.CorrelationId}.", notice, StringComparison.Ordinal);
        Assert.Single(Harness.Sandbox.Recorder.Snapshot(failed.CorrelationId), request => request.Method == "PATCH");
        Assert.Single(await Harness.AuditEventsAsync(requestId), auditEvent => auditEvent.Action == "failed");
    }

    [Fact]
    public async Task Rejected_password_fails_without_password()
    {
        Harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", ResetPath, SandboxFault.Parse("error=60011")));
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var mark = Harness.Mark();

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var failed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed);
        var notice = Assert.Single(await WaitForTextsAsync(mark));
        var patch = Assert.Single(Harness.Sandbox.Recorder.Snapshot(failed.CorrelationId), request => request.Method == "PATCH");
        var sentPassword = JsonNode.Parse(patch.Body!)!["passwordProfile"]!["password"]!.GetValue<string>();

        Assert.Contains("Partner Center rejected the new password", notice, StringComparison.Ordinal);
        Assert.Contains($"Reference: {failed.CorrelationId}.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(sentPassword, notice, StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.SentTo(Requester.PersonalConversationId), IsPasswordMessage);
    }

    /// <summary>Waits until the failure sentence arrived, then returns every plain-text message to the requester since <paramref name="mark"/>.</summary>
    private async Task<IReadOnlyList<string>> WaitForTextsAsync(int mark)
    {
        await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => activity["text"]?.GetValue<string>().Contains("did not go through", StringComparison.Ordinal) == true);
        return Harness.SentSince(mark, Requester.PersonalConversationId)
            .Select(activity => activity["text"]?.GetValue<string>())
            .OfType<string>()
            .ToArray();
    }
}
