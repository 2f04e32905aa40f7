using PartnerBot.Cards;
using PartnerBot.Conversations;
using PartnerBot.Storage;

namespace PartnerBot.Commands;

/// <summary>
/// Chooses the replies to a text message. It works on PartnerBot's own types only, so the Bot Framework
/// edge can be replaced without touching it.
/// </summary>
public sealed class CommandHandler(
    CardRenderer cards,
    ResetFlow resets,
    StaffPolicy staff,
    ConversationStore conversations,
    Audit.AuditViewer audit,
    ILogger<CommandHandler> logger)
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        var command = CommandParser.Parse(message.Text);
        Log.CommandReceived(logger, command.ToString(), message.From.ObjectId?.ToString(), message.Address.ConversationId);

        return command switch
        {
            BotCommand.Help => [new CardReply(cards.RenderHelp())],
            BotCommand.ResetPassword => await resets.StartAsync(message, cancellationToken),
            BotCommand.Cancel => await resets.CancelByTextAsync(message, cancellationToken),
            BotCommand.SetApprovalsChannel => await SetApprovalsChannelAsync(message, cancellationToken),
            BotCommand.Audit => await audit.ShowAsync(message, cancellationToken),
            _ => [new TextReply(Messages.UnknownCommand)],
        };
    }

    /// <summary>Returns the welcome message for a person who installed the app in personal scope.</summary>
    public Reply CreateWelcome() => new TextReply(Messages.Welcome);

    private async Task<IReadOnlyList<Reply>> SetApprovalsChannelAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (!await staff.MayApproveAsync(message.From.ObjectId, cancellationToken))
        {
            return [new TextReply(Messages.NotAnApprover)];
        }

        if (message.Address.Kind != ConversationKind.Channel)
        {
            return [new TextReply(Messages.ApprovalsChannelOnlyInChannels)];
        }

        await conversations.SetApprovalsChannelAsync(message.Address, cancellationToken);
        return [new TextReply(Messages.ApprovalsChannelSet)];
    }
}
