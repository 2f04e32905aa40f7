using PartnerBot.Cards;

namespace PartnerBot.Commands;

/// <summary>
/// Chooses the replies to a text message. It works on PartnerBot's own types only, so the Bot Framework
/// edge can be replaced without touching it.
/// </summary>
public sealed class CommandHandler(CardRenderer cards, ILogger<CommandHandler> logger)
{
    public Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var command = CommandParser.Parse(message.Text);
        Log.CommandReceived(logger, command.ToString(), message.From.ObjectId?.ToString(), message.ConversationId);

        IReadOnlyList<Reply> replies = command switch
        {
            BotCommand.Help => [new CardReply(cards.RenderHelp())],
            BotCommand.ResetPassword => [new TextReply(Messages.ResetNotAvailable)],
            BotCommand.Cancel => [new TextReply(Messages.NothingToCancel)],
            _ => [new TextReply(Messages.UnknownCommand)],
        };

        return Task.FromResult(replies);
    }

    /// <summary>Returns the welcome message for a person who installed the app in personal scope.</summary>
    public Reply CreateWelcome() => new TextReply(Messages.Welcome);
}
