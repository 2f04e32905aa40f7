using PartnerBot.Resets;

namespace PartnerBot.Storage;

/// <summary>
/// A stored reset request. It has no field for a password, so no code path can persist one.
/// <see cref="Version"/> increases with every change and is the compare-and-set token.
/// </summary>
public sealed record ResetRequestRecord
{
    public required Guid Id { get; init; }

    public required Guid RequesterObjectId { get; init; }

    public required string ConversationId { get; init; }

    public required ResetRequestStatus Status { get; init; }

    public int Version { get; init; }

    /// <summary>Sent as MS-CorrelationId on every directory call of this request, and logged.</summary>
    public required Guid CorrelationId { get; init; }

    public required ResetRequestDetails Details { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When an idle prompt or an undecided approval expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>What the requester chose and what happened, kept as one JSON document per request.</summary>
public sealed record ResetRequestDetails
{
    /// <summary>Display name of the requester in Teams, for approval cards.</summary>
    public string? RequesterName { get; init; }

    /// <summary>Teams user id (29:…) of the requester, needed to open a personal conversation.</summary>
    public string? RequesterTeamsUserId { get; init; }

    /// <summary>Display name of the approver who decided.</summary>
    public string? ApproverName { get; init; }

    /// <summary>True when the target has a directory role, so only a privileged approver may approve.</summary>
    public bool TargetIsPrivileged { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string? CustomerDomain { get; init; }

    public string? UserId { get; init; }

    public string? UserPrincipalName { get; init; }

    public string? UserDisplayName { get; init; }

    /// <summary>Free text from the requester, such as a ticket number.</summary>
    public string? Reason { get; init; }

    public Guid? ApproverObjectId { get; init; }

    public string? DecisionComment { get; init; }

    /// <summary>
    /// MS-RequestId of the reset call, chosen once before the first attempt. A reset that may already have
    /// applied is only ever sent again with this id, so Partner Center cannot apply it twice.
    /// </summary>
    public Guid? ResetOperationId { get; init; }

    /// <summary>A short outcome for cards and the audit trail, such as a failure sentence. Never a password.</summary>
    public string? Outcome { get; init; }
}
