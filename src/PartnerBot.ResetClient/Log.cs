using Microsoft.Extensions.Logging;

namespace PartnerBot.ResetClient;

/// <summary>
/// Every log message of the reset client. Event ids: 1xxx HTTP attempts, 2xxx operations, 3xxx authentication, all
/// for Partner Center, and 4xxx for the Microsoft Graph backend.
/// Messages carry ids, path templates and status codes, never a URL with its query, a body, a password or a token.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug,
        Message = "Partner Center {Operation} attempt {Method} {PathTemplate} returned {StatusCode} after {DurationMs:F0} ms " +
            "(correlation {CorrelationId}, request {RequestId})")]
    public static partial void AttemptCompleted(
        ILogger logger, string operation, string method, string pathTemplate, int statusCode, double durationMs,
        Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug,
        Message = "Partner Center {Operation} attempt {Method} {PathTemplate} failed with {ExceptionType} after {DurationMs:F0} ms " +
            "(correlation {CorrelationId}, request {RequestId})")]
    public static partial void AttemptFailed(
        ILogger logger, string operation, string method, string pathTemplate, string exceptionType, double durationMs,
        Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Retrying Partner Center {Operation} in {DelayMs:F0} ms, retry {RetryNumber}, after {Outcome} " +
            "(correlation {CorrelationId}, request {RequestId})")]
    public static partial void RetryScheduled(
        ILogger logger, string operation, double delayMs, int retryNumber, string outcome, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug,
        Message = "Partner Center {Operation} {PathTemplate} succeeded in {DurationMs:F0} ms " +
            "(correlation {CorrelationId}, request {RequestId})")]
    public static partial void OperationSucceeded(
        ILogger logger, string operation, string pathTemplate, double durationMs, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Partner Center {Operation} {PathTemplate} failed as {FailureKind}: HTTP {StatusCode}, error code {ErrorCode}, " +
            "after {DurationMs:F0} ms (correlation {CorrelationId}, request {RequestId})")]
    public static partial void OperationFailed(
        ILogger logger, string operation, string pathTemplate, DirectoryFailureKind failureKind, int? statusCode,
        string? errorCode, double durationMs, Guid correlationId, Guid requestId, Exception? exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug,
        Message = "Partner Center {Operation} error description: {Description} (correlation {CorrelationId})")]
    public static partial void ErrorDescription(ILogger logger, string operation, string description, Guid correlationId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Password reset accepted for user {UserId} of customer {CustomerId} (correlation {CorrelationId}, request {RequestId})")]
    public static partial void PasswordResetAccepted(
        ILogger logger, string customerId, string userId, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug,
        Message = "User search in customer {CustomerId} found {MatchCount} of at most {MaxResults} users with {PagesRead} pages read " +
            "and {IndexedUsers} users indexed, index complete: {IndexComplete} (correlation {CorrelationId})")]
    public static partial void UserSearchCompleted(
        ILogger logger, string customerId, int matchCount, int maxResults, int pagesRead, int indexedUsers, bool indexComplete,
        Guid correlationId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug,
        Message = "User index of customer {CustomerId} reached {MaxUsers} users; later pages are searched without being kept")]
    public static partial void UserIndexFull(ILogger logger, string customerId, int maxUsers);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Partner Center access token renewed, valid until {ExpiresOn:O} (correlation {CorrelationId})")]
    public static partial void AccessTokenRenewed(ILogger logger, DateTimeOffset expiresOn, Guid correlationId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "PartnerCenter:Authentication:Mode is Sandbox: requests carry a fixed sandbox token that the real " +
            "Partner Center rejects. Use this mode only in Development against the PartnerBot sandbox at {BaseAddress}")]
    public static partial void SandboxAuthenticationEnabled(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug,
        Message = "Graph {Operation} attempt {Method} {PathTemplate} returned {StatusCode} after {DurationMs:F0} ms " +
            "(tenant {TenantId}, correlation {CorrelationId})")]
    public static partial void GraphAttemptCompleted(
        ILogger logger, string operation, string method, string pathTemplate, int statusCode, double durationMs,
        string tenantId, Guid correlationId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug,
        Message = "Graph {Operation} attempt {Method} {PathTemplate} failed with {ExceptionType} after {DurationMs:F0} ms " +
            "(tenant {TenantId}, correlation {CorrelationId})")]
    public static partial void GraphAttemptFailed(
        ILogger logger, string operation, string method, string pathTemplate, string exceptionType, double durationMs,
        string tenantId, Guid correlationId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Retrying Graph {Operation} in {DelayMs:F0} ms, retry {RetryNumber}, after {Outcome} " +
            "(tenant {TenantId}, correlation {CorrelationId})")]
    public static partial void GraphRetryScheduled(
        ILogger logger, string operation, double delayMs, int retryNumber, string outcome, string tenantId, Guid correlationId);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug,
        Message = "Graph {Operation} {PathTemplate} succeeded in {DurationMs:F0} ms (tenant {TenantId}, correlation {CorrelationId})")]
    public static partial void GraphOperationSucceeded(
        ILogger logger, string operation, string pathTemplate, double durationMs, string tenantId, Guid correlationId);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Graph {Operation} {PathTemplate} failed as {FailureKind}: HTTP {StatusCode}, error code {ErrorCode}, " +
            "after {DurationMs:F0} ms (tenant {TenantId}, correlation {CorrelationId})")]
    public static partial void GraphOperationFailed(
        ILogger logger, string operation, string pathTemplate, DirectoryFailureKind failureKind, int? statusCode,
        string? errorCode, double durationMs, string tenantId, Guid correlationId, Exception? exception);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Debug,
        Message = "Graph {Operation} error {ErrorCode}: {ErrorMessage} (correlation {CorrelationId})")]
    public static partial void GraphErrorMessage(
        ILogger logger, string operation, string? errorCode, string errorMessage, Guid correlationId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug,
        Message = "Graph user search in customer {CustomerId} found {MatchCount} of at most {MaxResults} users (correlation {CorrelationId})")]
    public static partial void GraphUserSearchCompleted(
        ILogger logger, string customerId, int matchCount, int maxResults, Guid correlationId);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information,
        Message = "Password reset accepted by Graph for user {UserId} of customer {CustomerId} (correlation {CorrelationId}, request {RequestId})")]
    public static partial void GraphPasswordResetAccepted(
        ILogger logger, string customerId, string userId, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information,
        Message = "Password reset of user {UserId} of customer {CustomerId} was already applied for this request id; " +
            "nothing was sent (correlation {CorrelationId}, request {RequestId})")]
    public static partial void GraphResetAlreadyApplied(
        ILogger logger, string customerId, string userId, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information,
        Message = "Password reset of user {UserId} of customer {CustomerId} failed without a clear outcome, and the user's " +
            "last password change shows it was applied (correlation {CorrelationId}, request {RequestId})")]
    public static partial void GraphResetConfirmedByChangeTime(
        ILogger logger, string customerId, string userId, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Warning,
        Message = "Resending password reset of user {UserId} of customer {CustomerId}, resend {ResendNumber}: the failed " +
            "attempt was not applied (correlation {CorrelationId}, request {RequestId})")]
    public static partial void GraphResetResent(
        ILogger logger, string customerId, string userId, int resendNumber, Guid correlationId, Guid requestId);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Debug,
        Message = "Graph token for tenant {TenantId} renewed, valid until {ExpiresOn:O} (correlation {CorrelationId})")]
    public static partial void GraphAccessTokenRenewed(ILogger logger, string tenantId, DateTimeOffset expiresOn, Guid correlationId);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Graph:Authentication:Mode is Sandbox: requests carry a fixed sandbox token that Microsoft Graph " +
            "rejects. Use this mode only in Development against the PartnerBot sandbox at {BaseAddress}")]
    public static partial void GraphSandboxAuthenticationEnabled(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Debug,
        Message = "Staff member {ObjectId} is member of group {GroupId}: {IsMember} ({GroupCount} groups checked)")]
    public static partial void GraphStaffMembershipChecked(ILogger logger, Guid objectId, Guid groupId, bool isMember, int groupCount);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning,
        Message = "Staff member {ObjectId} was not found in the partner's tenant, so the member is in no staff group " +
            "(correlation {CorrelationId})")]
    public static partial void GraphStaffUserNotFound(ILogger logger, Guid objectId, Guid correlationId);
}
