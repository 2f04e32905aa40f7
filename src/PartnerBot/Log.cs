namespace PartnerBot;

/// <summary>
/// Every log message of the bot host. Event ids are stable: 1xxx host and configuration, 2xxx activities
/// and turns, 3xxx commands, 4xxx storage, 5xxx reset requests. Messages carry ids only, never message text, card data or credentials.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "Invalid configuration: {Failure}")]
    public static partial void InvalidConfiguration(ILogger logger, string failure);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "MicrosoftAppId is empty, so /api/messages accepts unauthenticated requests. This is allowed only in Development.")]
    public static partial void AnonymousBotInDevelopment(ILogger logger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Dropped activity {ActivityId} of type {ActivityType} from tenant {TenantId} in conversation {ConversationId}: the partner tenant is {PartnerTenantId}")]
    public static partial void ForeignTenantDropped(ILogger logger, string? activityId, string? activityType, string tenantId, string? conversationId, Guid partnerTenantId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Turn failed with reference {ReferenceId} for activity {ActivityId} of type {ActivityType} in conversation {ConversationId}")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string referenceId, string? activityId, string? activityType, string? conversationId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Sending the failure notice with reference {ReferenceId} to conversation {ConversationId} failed")]
    public static partial void FailureNoticeNotSent(ILogger logger, Exception exception, string referenceId, string? conversationId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Received activity {ActivityId} of type {ActivityType} from user {UserObjectId} in {ConversationType} conversation {ConversationId}")]
    public static partial void ActivityReceived(ILogger logger, string? activityId, string? activityType, string? userObjectId, string? conversationType, string? conversationId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Sent the welcome message to user {UserObjectId} in conversation {ConversationId}")]
    public static partial void WelcomeSent(ILogger logger, string? userObjectId, string? conversationId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Rejected card action with unknown verb {Verb} from user {UserObjectId} in conversation {ConversationId}")]
    public static partial void UnknownCardVerb(ILogger logger, string verb, string? userObjectId, string? conversationId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Rejected a request to /api/messages with an invalid bearer token ({Reason})")]
    public static partial void InvalidBotToken(ILogger logger, string reason);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Rejected invoke {InvokeName} from user {UserObjectId}: PartnerBot does not handle it")]
    public static partial void UnknownInvoke(ILogger logger, string invokeName, string? userObjectId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Command {Command} from user {UserObjectId} in conversation {ConversationId}")]
    public static partial void CommandReceived(ILogger logger, string command, string? userObjectId, string? conversationId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name}) on {Provider}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string provider);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The {Provider} database did not respond to the readiness check")]
    public static partial void DatabaseUnhealthy(ILogger logger, Exception exception, string provider);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Applied {Count} database migrations; the schema is up to date")]
    public static partial void MigrationsCompleted(ILogger logger, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "The audit export endpoint is off because AzureAd:ClientId is not set")]
    public static partial void AuditExportOff(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deleted {Count} audit events older than {Cutoff} under the retention setting")]
    public static partial void AuditRetentionApplied(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Reset request {RequestId} started by {RequesterObjectId} with correlation id {CorrelationId}")]
    public static partial void RequestStarted(ILogger logger, Guid requestId, Guid correlationId, Guid requesterObjectId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Rejected card action {Verb} on request {RequestId} from {ActorObjectId}, who is not the requester")]
    public static partial void ForeignCardAction(ILogger logger, string verb, Guid requestId, string? actorObjectId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Approval for request {RequestId} (correlation id {CorrelationId}) sent as {CardCount} card(s)")]
    public static partial void ApprovalRequested(ILogger logger, Guid requestId, Guid correlationId, int cardCount);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Approver {ApproverObjectId} has no personal conversation with PartnerBot, so request {RequestId} was not sent to them")]
    public static partial void ApproverUnreachable(ILogger logger, Guid requestId, Guid approverObjectId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Sending the approval card of request {RequestId} to approver {ApproverObjectId} failed")]
    public static partial void ApprovalCardNotSent(ILogger logger, Exception exception, Guid requestId, Guid approverObjectId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Rejected {Verb} on request {RequestId} by {ActorObjectId}: {Reason}")]
    public static partial void DecisionRejected(ILogger logger, string verb, Guid requestId, string? actorObjectId, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Request {RequestId} (correlation id {CorrelationId}) is {Status}, decided by {ApproverObjectId}")]
    public static partial void RequestDecided(ILogger logger, Guid requestId, Guid correlationId, string status, Guid approverObjectId);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Password reset of request {RequestId} (correlation id {CorrelationId}) failed: {FailureKind}")]
    public static partial void ResetFailed(ILogger logger, Exception exception, Guid requestId, Guid correlationId, string failureKind);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Password of request {RequestId} (correlation id {CorrelationId}) reset and delivered")]
    public static partial void ResetCompleted(ILogger logger, Guid requestId, Guid correlationId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "The password of request {RequestId} (correlation id {CorrelationId}) was reset but the private message failed")]
    public static partial void PasswordNotDelivered(ILogger logger, Exception exception, Guid requestId, Guid correlationId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Updating card {ActivityId} of request {RequestId} failed")]
    public static partial void CardUpdateFailed(ILogger logger, Exception exception, Guid requestId, string activityId);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Error, Message = "Completing approved request {RequestId} (correlation id {CorrelationId}) failed; the reset worker will retry or fail it")]
    public static partial void CompletionFailed(ILogger logger, Exception exception, Guid requestId, Guid correlationId);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Notifying the requester of request {RequestId} failed")]
    public static partial void RequesterNotNotified(ILogger logger, Exception exception, Guid requestId);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Requester {RequesterObjectId} of request {RequestId} cannot be reached privately")]
    public static partial void RequesterUnreachable(ILogger logger, Exception exception, Guid requestId, Guid requesterObjectId);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Removed the password from message {ActivityId} of request {RequestId}")]
    public static partial void PasswordRemoved(ILogger logger, string activityId, Guid requestId);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Warning, Message = "Removing the password from message {ActivityId} of request {RequestId} failed; it will be retried")]
    public static partial void PasswordRemovalFailed(ILogger logger, Exception exception, string activityId, Guid requestId);

    [LoggerMessage(EventId = 5017, Level = LogLevel.Error, Message = "The reset worker pass failed; it runs again after its interval")]
    public static partial void WorkerPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5019, Level = LogLevel.Warning, Message = "Card action {Verb} on request {RequestId} (correlation id {CorrelationId}) failed at the directory: {FailureKind}")]
    public static partial void DirectoryStepFailed(ILogger logger, Exception exception, string verb, Guid requestId, Guid correlationId, string failureKind);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Warning, Message = "Checking whether {ObjectId} is in the {Role} group {GroupId} failed, so the action is denied")]
    public static partial void StaffCheckFailed(ILogger logger, Exception exception, Guid objectId, string role, Guid groupId);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error, Message = "Sending the approval cards of request {RequestId} (correlation id {CorrelationId}) failed")]
    public static partial void ApprovalCardsFailed(ILogger logger, Exception exception, Guid requestId, Guid correlationId);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Warning, Message = "Request {RequestId} stayed in {Status} since {UpdatedAt}; the reset worker takes it over")]
    public static partial void StaleRequestTakenOver(ILogger logger, Guid requestId, string status, DateTimeOffset updatedAt);
}
