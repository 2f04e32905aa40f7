using Microsoft.Extensions.Options;
using PartnerBot.Commands;
using PartnerBot.Configuration;
using PartnerBot.ResetClient;
using PartnerBot.Resets;
using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>
/// The requester's side of a password reset: start, choose customer, choose user, confirm, cancel. Each
/// step checks that the actor is the requester and that the request is at that step, so a stranger's click,
/// a forged request id or a repeated click changes nothing.
/// </summary>
public sealed class ResetFlow(
    ResetRequestStore requests,
    ConversationStore conversations,
    ICustomerDirectory directory,
    ResetCardBuilder cards,
    StaffPolicy staff,
    ResetAudit audit,
    ApprovalFlow approvals,
    IMessenger messenger,
    TimeProvider timeProvider,
    IOptions<PartnerBotOptions> options,
    ILogger<ResetFlow> logger)
{
    public const int CustomerResultLimit = 10;
    public const int UserResultLimit = 10;
    public const int MaxQueryLength = 100;

    private readonly PartnerBotOptions settings = options.Value;

    private bool PrivilegedAllowed => settings.PrivilegedTargets == PrivilegedTargetPolicy.RequirePrivilegedApprover;

    /// <summary>Handles "reset password": sends the customer search card, or the resume card when a request is open.</summary>
    public async Task<IReadOnlyList<Reply>> StartAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (!await staff.MayRequestAsync(message.From.ObjectId, cancellationToken))
        {
            return [new TextReply(Messages.NotHelpdeskStaff)];
        }

        var open = await requests.FindOpenAsync(message.From.ObjectId!.Value, message.Address.ConversationId, cancellationToken);
        if (open is not null && open.ExpiresAt > timeProvider.GetUtcNow())
        {
            // Registered like the first card, so that it also shows the outcome when the request ends.
            var resumeCardId = await messenger.SendCardAsync(message.Address, cards.Resume(open), cancellationToken);
            await conversations.AddRequestCardAsync(new RequestCard(open.Id, RequestCardRole.Requester, message.Address, resumeCardId), cancellationToken);
            return [];
        }

        var request = await CreateRequestAsync(message.From, message.Address, cancellationToken);
        var activityId = await messenger.SendCardAsync(message.Address, cards.CustomerSearch(request.Id, null, null, null, null), cancellationToken);
        await conversations.AddRequestCardAsync(new RequestCard(request.Id, RequestCardRole.Requester, message.Address, activityId), cancellationToken);
        return [];
    }

    /// <summary>Handles "cancel" typed as text: ends the requester's open request in this conversation.</summary>
    public async Task<IReadOnlyList<Reply>> CancelByTextAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (message.From.ObjectId is not { } requester)
        {
            return [new TextReply(Messages.NothingToCancel)];
        }

        var open = await requests.FindOpenAsync(requester, message.Address.ConversationId, cancellationToken);
        if (open is null)
        {
            return [new TextReply(Messages.NothingToCancel)];
        }

        var cancelled = await CancelAsync(open, requester, cancellationToken);
        return [new TextReply(cancelled ? Messages.RequestCancelled : Messages.TooLateToCancel)];
    }

    /// <summary>Handles a click on one of the requester's cards.</summary>
    public async Task<CardActionResult> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        var request = action.ReadRequestId() is { } id ? await requests.GetAsync(id, cancellationToken) : null;
        if (request is null)
        {
            return new ActionMessage(Messages.RequestNotFound);
        }

        if (action.Actor.ObjectId != request.RequesterObjectId)
        {
            Log.ForeignCardAction(logger, action.Verb, request.Id, action.Actor.ObjectId?.ToString());
            return new ActionMessage(Messages.NotYourRequest);
        }

        if (ResetRequestTransitions.IsFinal(request.Status) || request.Status is ResetRequestStatus.AwaitingApproval or ResetRequestStatus.Approved or ResetRequestStatus.Resetting)
        {
            return action.Verb == Verbs.Cancel && request.Status == ResetRequestStatus.AwaitingApproval
                ? await CancelFromCardAsync(request, action, cancellationToken)
                : new UpdatedCard(approvals.RequesterCard(request));
        }

        if (request.ExpiresAt <= timeProvider.GetUtcNow())
        {
            // Expiring sends the requester a chat message already, so the card only shows the new state.
            var expired = await approvals.ExpireAsync(request, cancellationToken) ?? await ReloadAsync(request, cancellationToken);
            return new UpdatedCard(approvals.RequesterCard(expired));
        }

        try
        {
            return await HandleStepAsync(request, action, cancellationToken);
        }
        catch (DirectoryRequestException exception)
        {
            // The directory's sentence names what failed and what to do next. The card is left unchanged.
            Log.DirectoryStepFailed(logger, exception, action.Verb, request.Id, request.CorrelationId, exception.Failure.Kind.ToString());
            return new ActionMessage(exception.Failure.ToAgentText());
        }
    }

    private async Task<CardActionResult> HandleStepAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        return action.Verb switch
        {
            Verbs.CustomerSearch => await SearchCustomersAsync(request, action, cancellationToken),
            Verbs.CustomerPick => await PickCustomerAsync(request, action, cancellationToken),
            Verbs.UserSearch => await SearchUsersAsync(request, action, cancellationToken),
            Verbs.UserPick => await PickUserAsync(request, action, cancellationToken),
            Verbs.Back => await GoBackAsync(request, cancellationToken),
            Verbs.Submit => await SubmitAsync(request, action, cancellationToken),
            Verbs.Cancel => await CancelFromCardAsync(request, action, cancellationToken),
            Verbs.Continue => new UpdatedCard(CurrentPrompt(request)),
            Verbs.Restart => await RestartAsync(request, action, cancellationToken),
            _ => new ActionMessage(Messages.UnknownCardAction),
        };
    }

    /// <summary>Answers Teams' type-ahead search in the customer list.</summary>
    public async Task<IReadOnlyList<(string Title, string Value)>> SearchCustomersForTypeAheadAsync(ChatUser actor, string query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query) || !await staff.MayRequestAsync(actor.ObjectId, cancellationToken))
        {
            return [];
        }

        var page = await FindCustomersAsync(query, null, Guid.NewGuid(), cancellationToken);
        return page.Customers.Select(customer => (ResetCardBuilder.DescribeCustomer(customer), customer.Id)).ToArray();
    }

    private async Task<ResetRequestRecord> CreateRequestAsync(ChatUser requester, ConversationAddress address, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var request = new ResetRequestRecord
        {
            Id = Guid.NewGuid(),
            RequesterObjectId = requester.ObjectId!.Value,
            ConversationId = address.ConversationId,
            Status = ResetRequestStatus.SelectingCustomer,
            CorrelationId = Guid.NewGuid(),
            Details = new ResetRequestDetails { RequesterName = requester.Name, RequesterTeamsUserId = requester.TeamsUserId },
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + settings.PromptTimeout,
        };
        await requests.InsertAsync(request, cancellationToken);
        await audit.RecordAsync(request, "started", request.RequesterObjectId, null, cancellationToken);
        Log.RequestStarted(logger, request.Id, request.CorrelationId, request.RequesterObjectId);
        return request;
    }

    private async Task<CardActionResult> SearchCustomersAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        var query = ReadQuery(action, "customerQuery");
        if (query is null)
        {
            return new UpdatedCard(cards.CustomerSearch(request.Id, null, null, null, Messages.EnterCustomerQuery));
        }

        // "More results" sends the continuation token of the page it was shown with.
        var continuation = action.ReadString("continuation");
        var page = await FindCustomersAsync(query, continuation, request.CorrelationId, cancellationToken);
        var notice = page.Customers.Count == 0 ? Messages.NoCustomersFound : null;
        await TouchAsync(request, request.Status, request.Details, cancellationToken);
        return new UpdatedCard(cards.CustomerSearch(request.Id, query, page.Customers, page.ContinuationToken, notice));
    }

    /// <summary>
    /// Searches by domain when the text contains a dot, otherwise by company name. Graph's delegated admin
    /// customers carry no domain, so with the Graph backend every search is by name.
    /// </summary>
    private async Task<CustomerPage> FindCustomersAsync(string query, string? continuation, Guid correlationId, CancellationToken cancellationToken)
    {
        var byDomain = query.Contains('.', StringComparison.Ordinal) && settings.Backend == DirectoryBackend.PartnerCenter;
        var field = byDomain ? CustomerSearchField.Domain : CustomerSearchField.CompanyName;
        var page = await directory.SearchCustomersAsync(new CustomerSearch(field, query, CustomerResultLimit, continuation), correlationId, cancellationToken);

        // A company name can contain a dot too ("Litware Co."), so a domain search that finds nothing tries the name.
        if (byDomain && continuation is null && page.Customers.Count == 0)
        {
            page = await directory.SearchCustomersAsync(new CustomerSearch(CustomerSearchField.CompanyName, query, CustomerResultLimit), correlationId, cancellationToken);
        }

        return page;
    }

    private async Task<CardActionResult> PickCustomerAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        var customerId = action.ReadString("customerId");
        if (request.Status == ResetRequestStatus.SelectingUser && customerId == request.Details.CustomerId)
        {
            return new UpdatedCard(cards.UserSearch(request, null, null, null, PrivilegedAllowed));
        }

        if (request.Status != ResetRequestStatus.SelectingCustomer)
        {
            return new UpdatedCard(CurrentPrompt(request));
        }

        if (!Guid.TryParse(customerId, out _))
        {
            return new UpdatedCard(cards.CustomerSearch(request.Id, null, null, null, Messages.PickCustomerFirst));
        }

        var customer = await directory.GetCustomerAsync(customerId!, request.CorrelationId, cancellationToken);
        var details = request.Details with { CustomerId = customer.Id, CustomerName = customer.CompanyName, CustomerDomain = customer.Domain };
        var moved = await TouchAsync(request, ResetRequestStatus.SelectingUser, details, cancellationToken);
        return new UpdatedCard(moved is null ? CurrentPrompt(await ReloadAsync(request, cancellationToken)) : cards.UserSearch(moved, null, null, null, PrivilegedAllowed));
    }

    private async Task<CardActionResult> SearchUsersAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        if (request.Status != ResetRequestStatus.SelectingUser)
        {
            return new UpdatedCard(CurrentPrompt(request));
        }

        var query = ReadQuery(action, "userQuery");
        if (query is null)
        {
            return new UpdatedCard(cards.UserSearch(request, null, null, Messages.EnterUserQuery, PrivilegedAllowed));
        }

        var users = await directory.FindUsersAsync(request.Details.CustomerId!, query, UserResultLimit, request.CorrelationId, cancellationToken);
        var results = await Task.WhenAll(users.Select(async user => new UserSearchResult(
            user,
            await directory.GetUserRolesAsync(request.Details.CustomerId!, user.Id, request.CorrelationId, cancellationToken))));
        var notice = results.Length == 0 ? Messages.NoUsersFound : null;
        await TouchAsync(request, request.Status, request.Details, cancellationToken);
        return new UpdatedCard(cards.UserSearch(request, query, results, notice, PrivilegedAllowed));
    }

    private async Task<CardActionResult> PickUserAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        var userId = action.ReadString("userId");
        if (request.Status == ResetRequestStatus.Confirming && userId == request.Details.UserId)
        {
            return new UpdatedCard(cards.Confirm(request, null));
        }

        if (request.Status != ResetRequestStatus.SelectingUser)
        {
            return new UpdatedCard(CurrentPrompt(request));
        }

        if (!Guid.TryParse(userId, out _))
        {
            return new UpdatedCard(cards.UserSearch(request, null, null, Messages.PickUserFirst, PrivilegedAllowed));
        }

        // The customer comes from the stored request, never from the card data, so a forged card cannot switch tenants.
        var target = await directory.CheckResetTargetAsync(request.Details.CustomerId!, userId!, request.CorrelationId, cancellationToken);
        var refusal = TargetRefusal(target);
        if (refusal is not null)
        {
            return new UpdatedCard(cards.UserSearch(request, null, null, refusal, PrivilegedAllowed));
        }

        var details = request.Details with
        {
            UserId = target.User.Id,
            UserDisplayName = target.User.DisplayName,
            UserPrincipalName = target.User.UserPrincipalName,
            TargetIsPrivileged = target.IsPrivileged,
        };
        var moved = await TouchAsync(request, ResetRequestStatus.Confirming, details, cancellationToken);
        var notice = target.IsSyncedFromOnPremises ? Messages.SyncedUserWarning : null;
        return new UpdatedCard(moved is null ? CurrentPrompt(await ReloadAsync(request, cancellationToken)) : cards.Confirm(moved, notice));
    }

    /// <summary>Returns why a target cannot be reset through PartnerBot, or null when it can.</summary>
    public string? TargetRefusal(ResetTargetCheck target)
    {
        if (target.IsInactive)
        {
            return Messages.InactiveUser(target.User.DisplayName);
        }

        if (target.RefusalReason is not null)
        {
            return target.RefusalReason;
        }

        if (target.IsPrivileged && !PrivilegedAllowed)
        {
            return Messages.PrivilegedUserRejected(target.User.DisplayName, string.Join(", ", target.Roles.Select(role => role.Name)));
        }

        return null;
    }

    private async Task<CardActionResult> GoBackAsync(ResetRequestRecord request, CancellationToken cancellationToken)
    {
        var (status, details) = request.Status switch
        {
            ResetRequestStatus.Confirming => (ResetRequestStatus.SelectingUser, request.Details with { UserId = null, UserDisplayName = null, UserPrincipalName = null, TargetIsPrivileged = false }),
            _ => (ResetRequestStatus.SelectingCustomer, request.Details with { CustomerId = null, CustomerName = null, CustomerDomain = null }),
        };

        if (request.Status == ResetRequestStatus.SelectingCustomer)
        {
            return new UpdatedCard(CurrentPrompt(request));
        }

        var moved = await TouchAsync(request, status, details, cancellationToken);
        return new UpdatedCard(CurrentPrompt(moved ?? await ReloadAsync(request, cancellationToken)));
    }

    private async Task<CardActionResult> SubmitAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        if (request.Status != ResetRequestStatus.Confirming)
        {
            return new UpdatedCard(CurrentPrompt(request));
        }

        var reason = action.ReadString("reason")?.Trim();
        if (reason is { Length: > 200 })
        {
            return new UpdatedCard(cards.Confirm(request, Messages.ReasonTooLong));
        }

        var details = request.Details with { Reason = string.IsNullOrEmpty(reason) ? null : reason };
        var now = timeProvider.GetUtcNow();
        var moved = await requests.TryMoveAsync(request, ResetRequestStatus.AwaitingApproval, details, now, now + settings.ApprovalTimeout, cancellationToken);
        if (moved is null)
        {
            return new UpdatedCard(CurrentPrompt(await ReloadAsync(request, cancellationToken)));
        }

        await audit.RecordAsync(moved, "requested", moved.RequesterObjectId, null, cancellationToken);
        approvals.StartSendingApprovalCards(moved, action.Address);
        return new UpdatedCard(approvals.RequesterCard(moved));
    }

    private async Task<CardActionResult> CancelFromCardAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        await CancelAsync(request, action.Actor.ObjectId!.Value, cancellationToken);
        return new UpdatedCard(approvals.RequesterCard(await ReloadAsync(request, cancellationToken)));
    }

    /// <summary>Cancels the request unless it was approved meanwhile. Returns whether it is cancelled now.</summary>
    private async Task<bool> CancelAsync(ResetRequestRecord request, Guid actor, CancellationToken cancellationToken)
    {
        if (!ResetRequestTransitions.IsAllowed(request.Status, ResetRequestStatus.Cancelled))
        {
            return request.Status == ResetRequestStatus.Cancelled;
        }

        var moved = await requests.TryMoveAsync(request, ResetRequestStatus.Cancelled, request.Details with { Outcome = "Cancelled by the requester." }, timeProvider.GetUtcNow(), null, cancellationToken);
        if (moved is null)
        {
            var current = await ReloadAsync(request, cancellationToken);
            return ResetRequestTransitions.IsAllowed(current.Status, ResetRequestStatus.Cancelled) && await CancelAsync(current, actor, cancellationToken);
        }

        await audit.RecordAsync(moved, "cancelled", actor, "Cancelled", cancellationToken);
        await approvals.UpdateAllCardsAsync(moved, cancellationToken);
        return true;
    }

    private async Task<CardActionResult> RestartAsync(ResetRequestRecord request, CardAction action, CancellationToken cancellationToken)
    {
        await CancelAsync(request, action.Actor.ObjectId!.Value, cancellationToken);
        var fresh = await CreateRequestAsync(action.Actor, action.Address, cancellationToken);
        if (action.CardActivityId is not null)
        {
            await conversations.AddRequestCardAsync(new RequestCard(fresh.Id, RequestCardRole.Requester, action.Address, action.CardActivityId), cancellationToken);
        }

        return new UpdatedCard(cards.CustomerSearch(fresh.Id, null, null, null, null));
    }

    /// <summary>Returns the card for the step the request is at.</summary>
    private string CurrentPrompt(ResetRequestRecord request) => request.Status switch
    {
        ResetRequestStatus.SelectingCustomer => cards.CustomerSearch(request.Id, null, null, null, null),
        ResetRequestStatus.SelectingUser => cards.UserSearch(request, null, null, null, PrivilegedAllowed),
        ResetRequestStatus.Confirming => cards.Confirm(request, null),
        _ => approvals.RequesterCard(request),
    };

    /// <summary>Stores a step's change and pushes the idle expiry forward. Returns null when another change won.</summary>
    private Task<ResetRequestRecord?> TouchAsync(ResetRequestRecord request, ResetRequestStatus status, ResetRequestDetails details, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return requests.TryMoveAsync(request, status, details, now, now + settings.PromptTimeout, cancellationToken);
    }

    private async Task<ResetRequestRecord> ReloadAsync(ResetRequestRecord request, CancellationToken cancellationToken) =>
        await requests.GetAsync(request.Id, cancellationToken) ?? request;

    private static string? ReadQuery(CardAction action, string key)
    {
        var query = action.ReadString(key)?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        return query.Length > MaxQueryLength ? query[..MaxQueryLength] : query;
    }
}
