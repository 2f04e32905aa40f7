using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Commands;

namespace PartnerBot.Bot;

/// <summary>
/// The Bot Framework edge: turns Teams activities into PartnerBot's own types, and PartnerBot's replies
/// back into activities. No conversation logic lives here.
/// </summary>
public sealed class PartnerBotActivityHandler(
    CommandHandler commands,
    CardRenderer cards,
    ILogger<PartnerBotActivityHandler> logger) : TeamsActivityHandler
{
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public override Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        Log.ActivityReceived(logger, activity.Id, activity.Type, activity.From?.AadObjectId, activity.Conversation?.ConversationType, activity.Conversation?.Id);
        return base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = activity.RemoveRecipientMention() ?? activity.Text ?? string.Empty;
        var message = new IncomingMessage(ReadUser(activity.From), activity.Conversation.Id, ReadConversationKind(activity.Conversation), text);

        var replies = await commands.HandleAsync(message, cancellationToken);
        foreach (var reply in replies)
        {
            await turnContext.SendActivityAsync(ToActivity(reply), cancellationToken);
        }
    }

    protected override async Task OnInstallationUpdateAddAsync(ITurnContext<IInstallationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (ReadConversationKind(activity.Conversation) != ConversationKind.Personal)
        {
            return;
        }

        await turnContext.SendActivityAsync(ToActivity(commands.CreateWelcome()), cancellationToken);
        Log.WelcomeSent(logger, activity.From?.AadObjectId, activity.Conversation?.Id);
    }

    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue,
        CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var verb = invokeValue?.Action?.Verb ?? "(none)";
        Log.UnknownCardVerb(logger, verb, activity.From?.AadObjectId, activity.Conversation?.Id);

        return Task.FromResult(CardResponse(cards.RenderError(Messages.UnknownCardAction)));
    }

    private static AdaptiveCardInvokeResponse CardResponse(string cardJson) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCardContentType,
        Value = JObject.Parse(cardJson),
    };

    private static IActivity ToActivity(Reply reply) => reply switch
    {
        TextReply text => PlainText(text.Text),
        CardReply card => MessageFactory.Attachment(new Attachment(AdaptiveCardContentType, content: JObject.Parse(card.CardJson))),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply type."),
    };

    /// <summary>Creates a message that Teams shows as plain text, so names and other data are never read as Markdown.</summary>
    private static Activity PlainText(string text)
    {
        var message = MessageFactory.Text(text);
        message.TextFormat = TextFormatTypes.Plain;
        return message;
    }

    private static ChatUser ReadUser(ChannelAccount? account) => new(
        account?.Id ?? string.Empty,
        Guid.TryParse(account?.AadObjectId, out var objectId) ? objectId : null,
        account?.Name ?? string.Empty);

    private static ConversationKind ReadConversationKind(ConversationAccount? conversation) => conversation?.ConversationType switch
    {
        "channel" => ConversationKind.Channel,
        "groupChat" => ConversationKind.GroupChat,
        _ when conversation?.IsGroup == true => ConversationKind.GroupChat,
        _ => ConversationKind.Personal,
    };
}
