using System.Text;

namespace PartnerBot.ResetClient;

public enum CustomerSearchField
{
    CompanyName,
    Domain,
}

/// <summary>A customer search by prefix; pass the previous page's continuation token to read the next page.</summary>
public sealed record CustomerSearch(CustomerSearchField Field, string Prefix, int PageSize = 20, string? ContinuationToken = null);

/// <summary>One page of customers and the token for the next page, or null on the last page.</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerSummary> Customers, string? ContinuationToken);

public sealed record CustomerSummary(string Id, string CompanyName, string Domain, string? RelationshipToPartner);

public enum DirectoryUserState
{
    Active,
    Inactive,
}

public sealed record DirectoryUser
{
    public required string Id { get; init; }

    public required string UserPrincipalName { get; init; }

    public required string DisplayName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? UsageLocation { get; init; }

    public DirectoryUserState State { get; init; } = DirectoryUserState.Active;

    /// <summary>Last time the user was synchronised from on-premises Active Directory; null for cloud-only users.</summary>
    public DateTimeOffset? LastDirectorySyncTime { get; init; }

    /// <summary>
    /// The directory's own sync flag where it reports one (Microsoft Graph's <c>onPremisesSyncEnabled</c>); null when
    /// it does not, as with Partner Center, and then <see cref="LastDirectorySyncTime"/> decides.
    /// </summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    public bool IsSyncedFromOnPremises => OnPremisesSyncEnabled ?? LastDirectorySyncTime is not null;
}

/// <summary>A directory (administrator) role that a user holds, for example "Company Administrator".</summary>
public sealed record DirectoryRole(string Id, string Name);

/// <summary>A user and the user's directory roles, read just before a reset to decide whether it may go ahead.</summary>
public sealed record ResetTargetCheck(DirectoryUser User, IReadOnlyList<DirectoryRole> Roles)
{
    /// <summary>
    /// True when the user has any directory role. A helpdesk role may reset only users without
    /// administrator roles (with narrow exceptions), so every role counts as privileged here.
    /// </summary>
    public bool IsPrivileged => Roles.Count > 0;

    public bool IsInactive => User.State == DirectoryUserState.Inactive;

    /// <summary>True when the user is synchronised from on-premises, where a cloud reset may be overwritten.</summary>
    public bool IsSyncedFromOnPremises => User.IsSyncedFromOnPremises;

    /// <summary>
    /// Why the directory cannot reset this user at all, as a sentence for the helpdesk agent, or null when nothing
    /// rules the reset out. The Graph backend sets it for disabled accounts and for users synchronised from
    /// on-premises; the Partner Center backend leaves it null.
    /// </summary>
    public string? RefusalReason { get; init; }
}

/// <summary>
/// A password reset to send. <see cref="RequestId"/> identifies the logical reset: keep it with the reset request
/// in the conversation and send the same value if the reset has to be sent again.
/// </summary>
public sealed record PasswordResetRequest(
    string CustomerId,
    string UserId,
    string Password,
    Guid RequestId,
    bool ForceChangePassword = true)
{
    // The generated ToString would print the password, and records end up in log lines and debugger views.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"CustomerId = {CustomerId}, UserId = {UserId}, Password = ***, RequestId = {RequestId}, ");
        builder.Append($"ForceChangePassword = {ForceChangePassword}");
        return true;
    }
}

/// <summary>Confirms that the directory accepted a reset; it carries no password.</summary>
public sealed record PasswordResetReceipt(string CustomerId, string UserId, Guid RequestId);
