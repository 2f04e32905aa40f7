using PartnerBot.Commands;

namespace PartnerBot.Conversations;

/// <summary>
/// Where a message can be sent: the Bot Connector endpoint and conversation, without any Bot Framework
/// type, so that the conversation logic and the stores do not depend on Bot Builder.
/// </summary>
public sealed record ConversationAddress(
    string ServiceUrl,
    string ConversationId,
    string TenantId,
    string BotId,
    string BotName,
    ConversationKind Kind);

/// <summary>Sends and edits messages outside the current turn. The Bot Framework edge implements it.</summary>
public interface IMessenger
{
    /// <summary>Sends an Adaptive Card and returns the id of the new message.</summary>
    Task<string> SendCardAsync(ConversationAddress address, string cardJson, CancellationToken cancellationToken);

    /// <summary>Sends plain text and returns the id of the new message.</summary>
    Task<string> SendTextAsync(ConversationAddress address, string text, CancellationToken cancellationToken);

    Task UpdateCardAsync(ConversationAddress address, string activityId, string cardJson, CancellationToken cancellationToken);

    Task UpdateTextAsync(ConversationAddress address, string activityId, string text, CancellationToken cancellationToken);

    /// <summary>
    /// Opens (or reopens) the personal conversation between the bot and <paramref name="teamsUserId"/>
    /// through the service of <paramref name="via"/>. Throws <see cref="RecipientUnreachableException"/>
    /// when the person has not installed the app or has blocked it.
    /// </summary>
    Task<ConversationAddress> OpenPersonalConversationAsync(ConversationAddress via, string teamsUserId, CancellationToken cancellationToken);
}

/// <summary>The bot cannot message a person privately, for example because the app is not installed for them.</summary>
public sealed class RecipientUnreachableException(string message, Exception? innerException = null) : Exception(message, innerException);
