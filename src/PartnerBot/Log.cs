namespace PartnerBot;

/// <summary>
/// Every log message of the bot host. Event ids are stable: 1xxx host and configuration, 2xxx activities
/// and turns, 3xxx commands, 4xxx storage. Messages carry ids only, never message text, card data or credentials.
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

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Command {Command} from user {UserObjectId} in conversation {ConversationId}")]
    public static partial void CommandReceived(ILogger logger, string command, string? userObjectId, string? conversationId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Applied database migration {Version} ({Name}) on {Provider}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string provider);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The {Provider} database did not answer the readiness check")]
    public static partial void DatabaseUnhealthy(ILogger logger, Exception exception, string provider);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Applied {Count} database migrations; the schema is up to date")]
    public static partial void MigrationsCompleted(ILogger logger, int count);
}
