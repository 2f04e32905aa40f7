using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Approval decisions over HTTP: outcome on the cards, the audit trail, who may decide, and races between approvers.</summary>
public class ApprovalTests : FlowTestBase
{
    private const string NotAnApproverSentence = "Only PartnerBot approvers can approve or reject password resets.";

    [Fact]
    public async Task Completed_reset_updates_cards_without_password()
    {
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target);
        var requesterCardId = CardActivityId(Requester.PersonalConversationId, requestId, "choose the customer");
        var approverCardId = CardActivityId(Approver.PersonalConversationId, requestId, "Approval needed");
        var secondApproverCardId = CardActivityId(SecondApprover.PersonalConversationId, requestId, "Approval needed");

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var password = PasswordIn(await Harness.WaitForSentAsync(Requester.PersonalConversationId, IsPasswordMessage));
        var requesterCard = Json(await Harness.WaitForUpdateAsync(requesterCardId, IsCompletedCard));
        var approverCard = Json(await Harness.WaitForUpdateAsync(approverCardId, IsCompletedCard));
        var secondApproverCard = Json(await Harness.WaitForUpdateAsync(secondApproverCardId, IsCompletedCard));

        Assert.Contains("The password was reset and sent privately to the requester.", requesterCard, StringComparison.Ordinal);
        Assert.DoesNotContain(password, requesterCard, StringComparison.Ordinal);
        Assert.DoesNotContain(password, approverCard, StringComparison.Ordinal);
        Assert.DoesNotContain(password, secondApproverCard, StringComparison.Ordinal);
        Assert.Empty(FindActions(JsonNode.Parse(approverCard)!["attachments"]![0]!["content"]!));
    }

    [Fact]
    public async Task Completed_reset_leaves_audit_trail()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var completed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        var events = await WaitForAuditAsync(requestId, "reset");

        Assert.Equal(["started", "requested", "approved", "reset"], events.Select(auditEvent => auditEvent.Action));
        Assert.All(events, auditEvent => Assert.Equal(completed.CorrelationId, auditEvent.CorrelationId));
        Assert.Equal(Requester.ObjectId, events[1].ActorObjectId);
        Assert.Equal(Approver.ObjectId, events[2].ActorObjectId);
        Assert.Equal(Harness.PlainUser().Id.ToString(), events[3].UserId);
        Assert.Equal(Harness.Muller.Id.ToString(), events[3].CustomerId);
    }

    [Fact]
    public async Task Helpdesk_agent_cannot_approve()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());

        var response = await Harness.ClickAsync(SecondRequester, Verbs.Approve, Data(requestId));

        Assert.Equal(NotAnApproverSentence, SentenceOf(response));
        Assert.Equal(ResetRequestStatus.AwaitingApproval, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    [Fact]
    public async Task Non_approvers_cannot_reject()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var before = await Harness.ReadRequestAsync(requestId);

        var byAgent = await Harness.ClickAsync(SecondRequester, Verbs.Reject, Data(requestId, ("comment", "no")));
        var byStranger = await Harness.ClickAsync(Stranger, Verbs.Reject, Data(requestId, ("comment", "no")));
        var byRequester = await Harness.ClickAsync(Requester, Verbs.Reject, Data(requestId, ("comment", "no")));

        Assert.Equal(NotAnApproverSentence, SentenceOf(byAgent));
        Assert.Equal(NotAnApproverSentence, SentenceOf(byStranger));
        Assert.Equal(NotAnApproverSentence, SentenceOf(byRequester));
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Simultaneous_approvals_reset_once()
    {
        var customer = Harness.Sandbox.Directory.Customers.First(candidate => candidate.HasRelationship && candidate.UserCount is >= 30 and <= 300 && candidate.Index > 2);
        var targets = Harness.Users(customer).Where(user => !user.IsInactive && user.Roles.Count == 0).Take(10).ToArray();

        foreach (var target in targets)
        {
            var requestId = await Harness.RequestApprovalAsync(Requester, customer, target);

            var responses = await Task.WhenAll(
                Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId)),
                Harness.ClickAsync(SecondApprover, Verbs.Approve, Data(requestId)));
            var completed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
            await Harness.WaitForSentAsync(Requester.PersonalConversationId, activity => IsPasswordMessage(activity) && activity["text"]!.GetValue<string>().Contains(target.UserPrincipalName, StringComparison.Ordinal));

            Assert.Equal(1, Harness.Sandbox.ResetCount(customer.Id, target.Id));
            Assert.Single(Harness.ResetCallsFor(completed.Details.UserId!));
            Assert.All(responses, response => Assert.Contains($"Approved by {completed.Details.ApproverName}", CardOf(response), StringComparison.Ordinal));
            Assert.All(responses, response => Assert.DoesNotContain(Verbs.Approve, CardOf(response), StringComparison.Ordinal));
            Assert.Single(await Harness.AuditEventsAsync(requestId), auditEvent => auditEvent.Action == "approved");
        }
    }

    [Fact]
    public async Task Rejection_tells_requester_the_comment()
    {
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target);
        var requesterCardId = CardActivityId(Requester.PersonalConversationId, requestId, "choose the customer");
        var approverCardId = CardActivityId(SecondApprover.PersonalConversationId, requestId, "Approval needed");
        var mark = Harness.Mark();

        var response = await Harness.ClickAsync(Approver, Verbs.Reject, Data(requestId, ("comment", "Caller could not be verified")));
        var notice = await Harness.WaitForSentSinceAsync(mark, Requester.PersonalConversationId, activity => activity["text"] is not null);
        var requesterCard = Json(await Harness.WaitForUpdateAsync(requesterCardId, activity => TextOf(activity).Contains("Rejected by", StringComparison.Ordinal)));
        var approverCard = Json(await Harness.WaitForUpdateAsync(approverCardId, activity => TextOf(activity).Contains("Rejected by", StringComparison.Ordinal)));

        Assert.Equal("Rejected by Bruno Approver: Caller could not be verified. Nothing was reset.", notice["text"]!.GetValue<string>());
        Assert.Contains("Caller could not be verified", CardOf(response), StringComparison.Ordinal);
        Assert.Contains("Caller could not be verified", requesterCard, StringComparison.Ordinal);
        Assert.Contains("Caller could not be verified", approverCard, StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Rejected, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, target.Id));
        Assert.DoesNotContain(Harness.Sandbox.Recorder.Snapshot(), request => request.Method == "PATCH");
    }

    [Fact]
    public async Task Approve_after_rejection_changes_nothing()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        await Harness.ClickAsync(Approver, Verbs.Reject, Data(requestId));

        var response = await Harness.ClickAsync(SecondApprover, Verbs.Approve, Data(requestId));

        Assert.Contains("Rejected by Bruno Approver", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Rejected, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    private static bool IsCompletedCard(JsonObject activity) => TextOf(activity).Contains("Approved by Bruno Approver. The password was reset", StringComparison.Ordinal);

    private async Task<IReadOnlyList<PartnerBot.Storage.AuditEvent>> WaitForAuditAsync(Guid requestId, string action)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var events = await Harness.AuditEventsAsync(requestId);
            if (events.Any(auditEvent => auditEvent.Action == action) || DateTime.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(25);
        }
    }
}

/// <summary>Self-approval, with the requester also configured as an approver.</summary>
public sealed class SelfApprovalTests : FlowTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PartnerBot:Approvers:2"] = Requester.ObjectId.ToString(),
    };

    [Fact]
    public async Task Requester_cannot_approve_own_request()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());

        var response = await Harness.ClickAsync(Requester, Verbs.Approve, Data(requestId));

        Assert.Equal("You cannot approve or reject your own request. Another approver has to decide.", SentenceOf(response));
        Assert.Equal(ResetRequestStatus.AwaitingApproval, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
        Assert.DoesNotContain(Harness.SentTo(Requester.PersonalConversationId), activity => TextOf(activity).Contains("Approval needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Other_approver_approves_after_self_approval()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        await Harness.ClickAsync(Requester, Verbs.Approve, Data(requestId));

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var completed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);

        Assert.Equal(Approver.ObjectId, completed.Details.ApproverObjectId);
        Assert.Equal(1, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }
}
