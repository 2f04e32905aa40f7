namespace PartnerBot.Commands;

/// <summary>Where a message was written.</summary>
public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>A person in Teams: the Teams user id used for messaging, and the Microsoft Entra object id used for authorisation.</summary>
public sealed record ChatUser(string TeamsUserId, Guid? ObjectId, string Name);

/// <summary>A text message to the bot, with the bot's mention already removed.</summary>
public sealed record IncomingMessage(ChatUser From, Conversations.ConversationAddress Address, string Text);

/// <summary>Something the bot sends back in the same conversation.</summary>
public abstract record Reply;

/// <summary>A plain text message, sent as plain text and never as Markdown.</summary>
public sealed record TextReply(string Text) : Reply;

/// <summary>An Adaptive Card, as JSON.</summary>
public sealed record CardReply(string CardJson) : Reply;
