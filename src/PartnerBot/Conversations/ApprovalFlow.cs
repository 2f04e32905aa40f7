using Microsoft.Extensions.Options;
using PartnerBot.Configuration;
using PartnerBot.ResetClient;
using PartnerBot.Resets;
using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>
/// The approver's side of a password reset and everything after the decision: approval cards, the
/// decision itself, the reset, private delivery of the password, expiry and card updates.
/// </summary>
public sealed class ApprovalFlow(
    ResetRequestStore requests,
    ConversationStore conversations,
    ICustomerDirectory directory,
    ResetCardBuilder cards,
    StaffPolicy staff,
    ResetAudit audit,
    IMessenger messenger,
    TimeProvider timeProvider,
    IOptions<PartnerBotOptions> options,
    ILogger<ApprovalFlow> logger)
{
    private readonly PartnerBotOptions settings = options.Value;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Task> backgroundWork = new();

    /// <summary>The requester's card for a request that left the prompt steps. It never contains a password.</summary>
    public string RequesterCard(ResetRequestRecord request)
    {
        var (status, color) = DescribeStatus(request);
        return cards.RequestStatus(request, status, color, allowCancel: request.Status == ResetRequestStatus.AwaitingApproval);
    }

    /// <summary>
    /// Sends the approval card to the approvals channel when one is set, otherwise to each approver privately.
    /// Returns false, after failing the request and telling the requester, when no approver could be reached.
    /// </summary>
    public async Task<bool> SendApprovalCardsAsync(ResetRequestRecord request, ConversationAddress via, CancellationToken cancellationToken)
    {
        var approverTeamsIds = await KnownApproverTeamsIdsAsync(request, cancellationToken);
        var channel = await conversations.FindApprovalsChannelAsync(cancellationToken);
        var sent = 0;

        if (channel is not null)
        {
            var activityId = await messenger.SendCardAsync(channel, ApprovalCard(request, canDecide: false, approverTeamsIds), cancellationToken);
            await conversations.AddRequestCardAsync(new RequestCard(request.Id, RequestCardRole.Approval, channel, activityId), cancellationToken);
            sent++;
        }
        else
        {
            foreach (var approver in await EligibleApproversAsync(request, cancellationToken))
            {
                var personal = await conversations.FindPersonalConversationAsync(approver, cancellationToken);
                if (personal is null)
                {
                    Log.ApproverUnreachable(logger, request.Id, approver);
                    continue;
                }

                try
                {
                    var activityId = await messenger.SendCardAsync(personal.Address, ApprovalCard(request, canDecide: true, [personal.TeamsUserId]), cancellationToken);
                    await conversations.AddRequestCardAsync(new RequestCard(request.Id, RequestCardRole.Approval, personal.Address, activityId), cancellationToken);
                    sent++;
                }
                catch (RecipientUnreachableException exception)
                {
                    Log.ApprovalCardNotSent(logger, exception, request.Id, approver);
                }
            }
        }

        if (sent > 0)
        {
            Log.ApprovalRequested(logger, request.Id, request.CorrelationId, sent);

            // A decision or cancellation that came in while cards were still going out updated only the cards
            // stored by then, so the later ones are brought up to date here.
            var current = await requests.GetAsync(request.Id, cancellationToken);
            if (current is not null && current.Status != ResetRequestStatus.AwaitingApproval)
            {
                await UpdateAllCardsAsync(current, cancellationToken);
            }

            return true;
        }

        await FailAsync(request, Messages.NoApproverReachable, request.RequesterObjectId, cancellationToken);
        return false;
    }

    /// <summary>Handles Approve, Reject and the per-approver refresh of an approval card.</summary>
    public async Task<CardActionResult> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        var request = action.ReadRequestId() is { } id ? await requests.GetAsync(id, cancellationToken) : null;
        if (request is null)
        {
            return new ActionMessage(Messages.RequestNotFound);
        }

        if (action.Verb == Verbs.Refresh)
        {
            // The card shows who asked to reset whom, so only approvers may fetch it.
            if (!await staff.MayApproveAsync(action.Actor.ObjectId, cancellationToken))
            {
                return new ActionMessage(Messages.NotAnApprover);
            }

            var canDecide = request.Status == ResetRequestStatus.AwaitingApproval && await DecisionRefusalAsync(request, action.Actor.ObjectId, cancellationToken) is null;
            return new UpdatedCard(ApprovalCard(request, canDecide, []));
        }

        var refusal = await DecisionRefusalAsync(request, action.Actor.ObjectId, cancellationToken) ?? await CardMismatchAsync(request, action, cancellationToken);
        if (refusal is not null)
        {
            Log.DecisionRejected(logger, action.Verb, request.Id, action.Actor.ObjectId?.ToString(), refusal);
            return new ActionMessage(refusal);
        }

        if (request.Status != ResetRequestStatus.AwaitingApproval)
        {
            return new UpdatedCard(ApprovalCard(request, canDecide: false, []));
        }

        if (request.ExpiresAt <= timeProvider.GetUtcNow())
        {
            var expired = await ExpireAsync(request, cancellationToken) ?? request;
            return new UpdatedCard(ApprovalCard(expired, canDecide: false, []));
        }

        var approve = action.Verb == Verbs.Approve;
        var comment = action.ReadString("comment")?.Trim();
        var details = request.Details with
        {
            ApproverObjectId = action.Actor.ObjectId,
            ApproverName = action.Actor.Name,
            DecisionComment = string.IsNullOrEmpty(comment) ? null : comment[..Math.Min(comment.Length, 500)],
        };
        var decided = await requests.TryMoveAsync(request, approve ? ResetRequestStatus.Approved : ResetRequestStatus.Rejected, details, timeProvider.GetUtcNow(), null, cancellationToken);
        if (decided is null)
        {
            // Another approver, click or instance won; show what was decided.
            var current = await requests.GetAsync(request.Id, cancellationToken) ?? request;
            return new UpdatedCard(ApprovalCard(current, canDecide: false, []));
        }

        await audit.RecordAsync(decided, approve ? "approved" : "rejected", action.Actor.ObjectId!.Value, decided.Details.DecisionComment, cancellationToken);
        Log.RequestDecided(logger, decided.Id, decided.CorrelationId, decided.Status.ToString(), action.Actor.ObjectId!.Value);

        if (approve)
        {
            // The reset runs after the invoke response is sent, because Teams expects a response within seconds.
            // ResetWorker finishes requests left in Approved if this instance stops first.
            RunInBackground(() => CompleteApprovedSafelyAsync(decided));
        }
        else
        {
            await UpdateAllCardsAsync(decided, cancellationToken);
            await NotifyRequesterAsync(decided, Messages.RequestRejected(decided.Details.ApproverName, decided.Details.DecisionComment), cancellationToken);
        }

        return new UpdatedCard(ApprovalCard(decided, canDecide: false, []));
    }

    /// <summary>
    /// Resets the password of an approved request and sends it privately to the requester. Makes sure the
    /// requester can be reached privately before anything is reset.
    /// </summary>
    public async Task CompleteApprovedAsync(ResetRequestRecord approved, CancellationToken cancellationToken)
    {
        var privateAddress = await FindPrivateAddressAsync(approved, cancellationToken);
        if (privateAddress is null)
        {
            await FailAsync(approved, Messages.RequesterUnreachable, approved.RequesterObjectId, cancellationToken);
            return;
        }

        ResetTargetCheck target;
        try
        {
            target = await directory.CheckResetTargetAsync(approved.Details.CustomerId!, approved.Details.UserId!, approved.CorrelationId, cancellationToken);
        }
        catch (DirectoryRequestException exception)
        {
            Log.ResetFailed(logger, exception, approved.Id, approved.CorrelationId, exception.Failure.Kind.ToString());
            await FailAsync(approved, exception.Failure.ToAgentText(), approved.RequesterObjectId, cancellationToken);
            return;
        }

        var refusal = TargetChangedRefusal(target, approved);
        if (refusal is not null)
        {
            await FailAsync(approved, refusal, approved.RequesterObjectId, cancellationToken);
            return;
        }

        // The reset's MS-RequestId is fixed here, before the first attempt, and kept with the request.
        var resetting = await requests.TryMoveAsync(
            approved,
            ResetRequestStatus.Resetting,
            approved.Details with { ResetOperationId = Guid.NewGuid() },
            timeProvider.GetUtcNow(),
            null,
            cancellationToken);
        if (resetting is null)
        {
            return;
        }

        var password = PasswordGenerator.Create(settings.PasswordStyle, settings.PasswordLength, settings.PassphraseWordCount);
        try
        {
            await directory.ResetPasswordAsync(
                new PasswordResetRequest(resetting.Details.CustomerId!, resetting.Details.UserId!, password, resetting.Details.ResetOperationId!.Value, settings.ForceChangePassword),
                resetting.CorrelationId,
                cancellationToken);
        }
        catch (DirectoryRequestException exception)
        {
            Log.ResetFailed(logger, exception, resetting.Id, resetting.CorrelationId, exception.Failure.Kind.ToString());
            await FailAsync(resetting, exception.Failure.ToAgentText(), resetting.RequesterObjectId, cancellationToken);
            return;
        }

        await DeliverPasswordAsync(resetting, privateAddress, password, cancellationToken);
    }

    /// <summary>Moves an undecided or idle request to Expired, updates its cards and notifies the requester.</summary>
    public async Task<ResetRequestRecord?> ExpireAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        if (!ResetRequestTransitions.IsAllowed(request.Status, ResetRequestStatus.Expired))
        {
            return null;
        }

        var message = request.Status == ResetRequestStatus.AwaitingApproval ? Messages.ApprovalExpired : Messages.RequestExpired;
        var expired = await requests.TryMoveAsync(request, ResetRequestStatus.Expired, request.Details with { Outcome = message }, timeProvider.GetUtcNow(), null, cancellationToken);
        if (expired is null)
        {
            return null;
        }

        await audit.RecordAsync(expired, "expired", expired.RequesterObjectId, "Expired", cancellationToken);
        await UpdateAllCardsAsync(expired, cancellationToken);
        await NotifyRequesterAsync(expired, message, cancellationToken);
        return expired;
    }

    /// <summary>Updates every card sent about the request to show its current state. A card that fails to update is logged and skipped.</summary>
    public async Task UpdateAllCardsAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        foreach (var card in await conversations.ListRequestCardsAsync(request.Id, cancellationToken))
        {
            var json = card.Role == RequestCardRole.Requester ? RequesterCard(request) : ApprovalCard(request, canDecide: false, []);
            try
            {
                await messenger.UpdateCardAsync(card.Address, card.ActivityId, json, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.CardUpdateFailed(logger, exception, request.Id, card.ActivityId);
            }
        }
    }

    /// <summary>
    /// Sends the approval cards after the response to the requester's click, because one card per approver, each
    /// sent and stored in turn, can take longer than Teams waits for an invoke response.
    /// </summary>
    /// <remarks>
    /// NOTE: if this instance stops before the cards are out, the request waits without cards until it
    /// expires, and the requester is notified then.
    /// </remarks>
    public void StartSendingApprovalCards(ResetRequestRecord request, ConversationAddress via) =>
        RunInBackground(async () =>
        {
            try
            {
                await SendApprovalCardsAsync(request, via, CancellationToken.None);
            }
            catch (Exception exception)
            {
                Log.ApprovalCardsFailed(logger, exception, request.Id, request.CorrelationId);
            }
        });

    /// <summary>
    /// Waits until the resets started by approvals on this instance have finished, or until
    /// <paramref name="cancellationToken"/> ends the wait. The host calls it when it stops, so that a
    /// deployment does not cut a reset off between the directory call and the private message.
    /// </summary>
    public async Task WaitForRunningResetsAsync(CancellationToken cancellationToken)
    {
        var running = backgroundWork.Values.ToArray();
        if (running.Length > 0)
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Fails a request left in Resetting by an instance that stopped; its password was never delivered.</summary>
    public Task FailAbandonedResetAsync(ResetRequestRecord resetting, CancellationToken cancellationToken) =>
        FailAsync(resetting, Messages.ResetOutcomeUnknown, resetting.RequesterObjectId, cancellationToken);

    private void RunInBackground(Func<Task> work)
    {
        var key = Guid.NewGuid();
        var task = Task.Run(work, CancellationToken.None);
        backgroundWork[key] = task;
        _ = task.ContinueWith(_ => backgroundWork.TryRemove(key, out Task? _), TaskScheduler.Default);
    }

    private async Task CompleteApprovedSafelyAsync(ResetRequestRecord approved)
    {
        try
        {
            await CompleteApprovedAsync(approved, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // ResetWorker retries requests still in Approved and fails those stuck in Resetting.
            Log.CompletionFailed(logger, exception, approved.Id, approved.CorrelationId);
        }
    }

    private async Task DeliverPasswordAsync(ResetRequestRecord resetting, ConversationAddress privateAddress, string password, CancellationToken cancellationToken)
    {
        var lifetime = settings.PasswordMessageLifetime;
        string outcome;
        try
        {
            var text = Messages.PasswordMessage(resetting.Details.UserPrincipalName!, resetting.Details.CustomerName!, password, settings.ForceChangePassword, lifetime);
            var activityId = await messenger.SendTextAsync(privateAddress, text, cancellationToken);
            await conversations.ScheduleRemovalAsync(new ScheduledRemoval(activityId, resetting.Id, privateAddress, timeProvider.GetUtcNow() + lifetime), cancellationToken);
            outcome = Messages.ResetCompleted;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PasswordNotDelivered(logger, exception, resetting.Id, resetting.CorrelationId);
            outcome = Messages.PasswordNotDelivered;
        }

        var completed = await requests.TryMoveAsync(resetting, ResetRequestStatus.Completed, resetting.Details with { Outcome = outcome }, timeProvider.GetUtcNow(), null, cancellationToken);
        if (completed is null)
        {
            return;
        }

        await audit.RecordAsync(completed, "reset", completed.Details.ApproverObjectId ?? completed.RequesterObjectId, outcome, cancellationToken);
        Log.ResetCompleted(logger, completed.Id, completed.CorrelationId);
        await UpdateAllCardsAsync(completed, cancellationToken);
    }

    private async Task FailAsync(ResetRequestRecord request, string reason, Guid actor, CancellationToken cancellationToken)
    {
        var failed = await requests.TryMoveAsync(request, ResetRequestStatus.Failed, request.Details with { Outcome = reason }, timeProvider.GetUtcNow(), null, cancellationToken);
        if (failed is null)
        {
            return;
        }

        await audit.RecordAsync(failed, "failed", actor, reason, cancellationToken);
        await UpdateAllCardsAsync(failed, cancellationToken);
        await NotifyRequesterAsync(failed, Messages.RequestFailed(reason), cancellationToken);
    }

    /// <summary>Sends one sentence to the conversation where the requester started the request.</summary>
    private async Task NotifyRequesterAsync(ResetRequestRecord request, string text, CancellationToken cancellationToken)
    {
        var requesterCard = (await conversations.ListRequestCardsAsync(request.Id, cancellationToken)).FirstOrDefault(card => card.Role == RequestCardRole.Requester);
        if (requesterCard is null)
        {
            return;
        }

        try
        {
            await messenger.SendTextAsync(requesterCard.Address, text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RequesterNotNotified(logger, exception, request.Id);
        }
    }

    private async Task<ConversationAddress?> FindPrivateAddressAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        var personal = await conversations.FindPersonalConversationAsync(request.RequesterObjectId, cancellationToken);
        if (personal is not null)
        {
            return personal.Address;
        }

        var requesterCard = (await conversations.ListRequestCardsAsync(request.Id, cancellationToken)).FirstOrDefault(card => card.Role == RequestCardRole.Requester);
        if (requesterCard is null || string.IsNullOrEmpty(request.Details.RequesterTeamsUserId))
        {
            return null;
        }

        try
        {
            var opened = await messenger.OpenPersonalConversationAsync(requesterCard.Address, request.Details.RequesterTeamsUserId, cancellationToken);
            await conversations.SavePersonalConversationAsync(new PersonalConversation(request.RequesterObjectId, request.Details.RequesterTeamsUserId, opened), cancellationToken);
            return opened;
        }
        catch (RecipientUnreachableException exception)
        {
            Log.RequesterUnreachable(logger, exception, request.Id, request.RequesterObjectId);
            return null;
        }
    }

    private async Task<string?> DecisionRefusalAsync(ResetRequestRecord request, Guid? actor, CancellationToken cancellationToken)
    {
        if (!await staff.MayApproveAsync(actor, cancellationToken))
        {
            return Messages.NotAnApprover;
        }

        if (actor == request.RequesterObjectId)
        {
            return Messages.SelfApprovalRejected;
        }

        if (request.Details.TargetIsPrivileged && !await staff.MayApprovePrivilegedAsync(actor, cancellationToken))
        {
            return Messages.PrivilegedApproverRequired;
        }

        return null;
    }

    /// <summary>
    /// Returns a refusal when the clicked card is not one of this request's approval cards, which happens
    /// when the card's data was edited to point at another request.
    /// </summary>
    private async Task<string?> CardMismatchAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        // NOTE: an invoke without replyToId is accepted, because whether every Teams client sends it for
        // Action.Execute is unverified; the actor and state checks still apply.
        if (action.CardActivityId is null)
        {
            return null;
        }

        var cards = await conversations.ListRequestCardsAsync(request.Id, cancellationToken);
        return cards.Any(card => card.Role == RequestCardRole.Approval && card.ActivityId == action.CardActivityId)
            ? null
            : Messages.CardDoesNotMatchRequest;
    }

    private async Task<IReadOnlyList<Guid>> EligibleApproversAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        var eligible = new List<Guid>();
        foreach (var approver in staff.Approvers.Where(approver => approver != request.RequesterObjectId))
        {
            if (await DecisionRefusalAsync(request, approver, cancellationToken) is null)
            {
                eligible.Add(approver);
            }
        }

        return eligible;
    }

    private async Task<IReadOnlyList<string>> KnownApproverTeamsIdsAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var approver in await EligibleApproversAsync(request, cancellationToken))
        {
            if (await conversations.FindPersonalConversationAsync(approver, cancellationToken) is { } personal)
            {
                ids.Add(personal.TeamsUserId);
            }
        }

        return ids;
    }

    private string ApprovalCard(ResetRequestRecord request, bool canDecide, IReadOnlyList<string> refreshUserIds)
    {
        var (status, color) = DescribeStatus(request);
        var pending = request.Status == ResetRequestStatus.AwaitingApproval;
        return cards.Approval(request, status, color, canDecide && pending, pending ? refreshUserIds : []);
    }

    private string? TargetChangedRefusal(ResetTargetCheck target, ResetRequestRecord request)
    {
        if (target.IsInactive)
        {
            return Messages.InactiveUser(target.User.DisplayName);
        }

        if (target.RefusalReason is not null)
        {
            return target.RefusalReason;
        }

        if (target.IsPrivileged && (settings.PrivilegedTargets == PrivilegedTargetPolicy.Reject || !request.Details.TargetIsPrivileged))
        {
            return Messages.PrivilegedUserRejected(target.User.DisplayName, string.Join(", ", target.Roles.Select(role => role.Name)));
        }

        return null;
    }

    private static string ApprovedBy(ResetRequestRecord request) =>
        string.IsNullOrEmpty(request.Details.DecisionComment)
            ? $"Approved by {request.Details.ApproverName}."
            : $"Approved by {request.Details.ApproverName}: {request.Details.DecisionComment.TrimEnd('.')}.";

    private static (string Text, string Color) DescribeStatus(ResetRequestRecord request) => request.Status switch
    {
        ResetRequestStatus.AwaitingApproval => ("Waiting for approval.", "Accent"),
        ResetRequestStatus.Approved or ResetRequestStatus.Resetting => ($"{ApprovedBy(request)} Resetting the password.", "Good"),
        ResetRequestStatus.Completed => ($"{ApprovedBy(request)} {request.Details.Outcome}", "Good"),
        ResetRequestStatus.Rejected => (Messages.RequestRejected(request.Details.ApproverName, request.Details.DecisionComment), "Attention"),
        ResetRequestStatus.Expired => (request.Details.Outcome ?? Messages.RequestExpired, "Warning"),
        ResetRequestStatus.Cancelled => ("Cancelled by the requester.", "Warning"),
        ResetRequestStatus.Failed => (Messages.RequestFailed(request.Details.Outcome ?? "Unknown failure."), "Attention"),
        _ => ("In progress.", "Default"),
    };
}
