namespace PartnerBot.ResetClient;

/// <summary>
/// The customer directory that the bot searches and resets passwords in. Partner Center implements it
/// today and Microsoft Graph under GDAP can implement it later, so it speaks only in our own record types.
/// </summary>
/// <remarks>
/// Every method takes the correlation id of the reset request that the conversation is working on, and a
/// failed call throws <see cref="DirectoryRequestException"/> whose <see cref="DirectoryFailure"/> contains a
/// sentence for the helpdesk agent.
/// </remarks>
public interface ICustomerDirectory
{
    /// <summary>Searches customers whose company name or domain starts with a prefix, one page at a time.</summary>
    Task<CustomerPage> SearchCustomersAsync(CustomerSearch search, Guid correlationId, CancellationToken cancellationToken);

    Task<CustomerSummary> GetCustomerAsync(string customerId, Guid correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// Finds users of a customer whose display name or user principal name starts with a prefix
    /// (case-insensitive), in directory order, returning at most <paramref name="maxResults"/> users.
    /// </summary>
    Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(
        string customerId, string prefix, int maxResults, Guid correlationId, CancellationToken cancellationToken);

    Task<DirectoryUser> GetUserAsync(string customerId, string userId, Guid correlationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DirectoryRole>> GetUserRolesAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken);

    /// <summary>Reads a user and the user's directory roles, to decide whether a helpdesk reset is allowed.</summary>
    Task<ResetTargetCheck> CheckResetTargetAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a new password. Sending the same <see cref="PasswordResetRequest.RequestId"/> again returns the first
    /// outcome and does not apply the reset a second time.
    /// </summary>
    Task<PasswordResetReceipt> ResetPasswordAsync(
        PasswordResetRequest request, Guid correlationId, CancellationToken cancellationToken);
}
