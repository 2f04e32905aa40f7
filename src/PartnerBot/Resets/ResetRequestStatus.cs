namespace PartnerBot.Resets;

/// <summary>States of a password reset request, from the first prompt to its end.</summary>
public enum ResetRequestStatus
{
    /// <summary>The requester is searching for the customer.</summary>
    SelectingCustomer,

    /// <summary>The requester is searching for the user in the chosen customer.</summary>
    SelectingUser,

    /// <summary>The requester reviews customer, user and reason before asking for approval.</summary>
    Confirming,

    /// <summary>Approval cards are out; the first valid decision wins.</summary>
    AwaitingApproval,

    /// <summary>An approver approved; the reset has not been sent yet.</summary>
    Approved,

    /// <summary>The reset call is in flight. It may already have applied, so it is only ever retried with the same request id.</summary>
    Resetting,

    /// <summary>The password was reset and sent to the requester privately.</summary>
    Completed,

    /// <summary>The reset failed or was not attempted (for example, the requester could not be reached privately).</summary>
    Failed,

    /// <summary>An approver rejected the request.</summary>
    Rejected,

    /// <summary>Nobody decided before the approval deadline, or the prompt sat idle too long.</summary>
    Expired,

    /// <summary>The requester cancelled.</summary>
    Cancelled,
}

/// <summary>The allowed moves between <see cref="ResetRequestStatus"/> values, in one place.</summary>
public static class ResetRequestTransitions
{
    private static readonly Dictionary<ResetRequestStatus, ResetRequestStatus[]> Allowed = new()
    {
        [ResetRequestStatus.SelectingCustomer] = [ResetRequestStatus.SelectingUser, ResetRequestStatus.Cancelled, ResetRequestStatus.Expired],
        [ResetRequestStatus.SelectingUser] = [ResetRequestStatus.SelectingCustomer, ResetRequestStatus.Confirming, ResetRequestStatus.Cancelled, ResetRequestStatus.Expired],
        [ResetRequestStatus.Confirming] = [ResetRequestStatus.SelectingUser, ResetRequestStatus.AwaitingApproval, ResetRequestStatus.Cancelled, ResetRequestStatus.Expired],
        [ResetRequestStatus.AwaitingApproval] = [ResetRequestStatus.Approved, ResetRequestStatus.Rejected, ResetRequestStatus.Expired, ResetRequestStatus.Cancelled],
        [ResetRequestStatus.Approved] = [ResetRequestStatus.Resetting, ResetRequestStatus.Failed],
        [ResetRequestStatus.Resetting] = [ResetRequestStatus.Completed, ResetRequestStatus.Failed],
    };

    public static bool IsAllowed(ResetRequestStatus from, ResetRequestStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>True for states that no move leaves.</summary>
    public static bool IsFinal(ResetRequestStatus status) => !Allowed.ContainsKey(status);

    /// <summary>Throws <see cref="InvalidOperationException"/> naming both states unless the move is allowed.</summary>
    public static void EnsureAllowed(ResetRequestStatus from, ResetRequestStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidOperationException($"A reset request cannot move from {from} to {to}.");
        }
    }
}
