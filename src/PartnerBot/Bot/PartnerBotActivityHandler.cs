using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using PartnerBot.Cards;
using PartnerBot.Commands;
using PartnerBot.Conversations;

namespace PartnerBot.Bot;

/// <summary>
/// The Bot Framework edge: turns Teams activities into PartnerBot's own types, and PartnerBot's replies
/// back into activities. No conversation logic lives here.
/// </summary>
public sealed class PartnerBotActivityHandler(
    CommandHandler commands,
    ResetFlow resets,
    ApprovalFlow approvals,
    Audit.AuditViewer audit,
    PersonalConversationTracker personalConversations,
    CardRenderer cards,
    ILogger<PartnerBotActivityHandler> logger) : TeamsActivityHandler
{
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    private const string MessageContentType = "application/vnd.microsoft.activity.message";
    private const string SearchInvokeName = "application/search";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        Log.ActivityReceived(logger, activity.Id, activity.Type, activity.From?.AadObjectId, activity.Conversation?.ConversationType, activity.Conversation?.Id);

        await personalConversations.TrackAsync(ReadUser(activity.From), ReadAddress(activity), cancellationToken);
        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = activity.RemoveRecipientMention() ?? activity.Text ?? string.Empty;
        var message = new IncomingMessage(ReadUser(activity.From), ReadAddress((Activity)activity), text);

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

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext<IInvokeActivity> turnContext,
        AdaptiveCardInvokeValue invokeValue,
        CancellationToken cancellationToken)
    {
        var activity = (Activity)turnContext.Activity;
        var verb = invokeValue?.Action?.Verb ?? string.Empty;
        var data = ReadActionData(invokeValue?.Action?.Data);
        var action = new PartnerBot.Conversations.CardAction(ReadUser(activity.From), ReadAddress(activity), verb, data, activity.ReplyToId);

        CardActionResult result;
        if (verb.StartsWith("reset.", StringComparison.Ordinal))
        {
            result = await resets.HandleAsync(action, cancellationToken);
        }
        else if (verb.StartsWith("approval.", StringComparison.Ordinal))
        {
            result = await approvals.HandleAsync(action, cancellationToken);
        }
        else if (verb == Audit.AuditCardBuilder.PageVerb)
        {
            result = await audit.HandleAsync(action, cancellationToken);
        }
        else
        {
            Log.UnknownCardVerb(logger, verb.Length == 0 ? "(none)" : verb, activity.From?.AadObjectId, activity.Conversation?.Id);
            result = new UpdatedCard(cards.RenderError(Messages.UnknownCardAction));
        }

        return result switch
        {
            UpdatedCard card => new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardContentType, Value = JObject.Parse(card.CardJson) },
            ActionMessage message => new AdaptiveCardInvokeResponse { StatusCode = 200, Type = MessageContentType, Value = message.Text },
            _ => throw new InvalidOperationException($"Unknown card action result {result.GetType().Name}."),
        };
    }

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != SearchInvokeName)
        {
            var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
            if (response?.Status == (int)System.Net.HttpStatusCode.NotImplemented)
            {
                // An invoke PartnerBot does not handle is a bad request from the caller's side.
                Log.UnknownInvoke(logger, turnContext.Activity.Name ?? "(none)", turnContext.Activity.From?.AadObjectId);
                return new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest };
            }

            return response!;
        }

        // Type-ahead in the customer list (Data.Query). Teams sends it; the Agents Playground does not.
        var value = turnContext.Activity.Value as JObject;
        var query = value?["queryText"]?.ToString() ?? string.Empty;
        var dataset = value?["dataset"]?.ToString();
        var results = dataset == ResetCardBuilder.CustomerDataset
            ? await resets.SearchCustomersForTypeAheadAsync(ReadUser(turnContext.Activity.From), query, cancellationToken)
            : [];

        var body = new JObject
        {
            ["type"] = "application/vnd.microsoft.search.searchResponse",
            ["value"] = new JObject
            {
                ["results"] = new JArray(results.Select(result => new JObject { ["title"] = result.Title, ["value"] = result.Value })),
            },
        };
        return new InvokeResponse { Status = 200, Body = body };
    }

    private static JsonObject ReadActionData(object? data)
    {
        var json = data switch
        {
            null => null,
            JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
            _ => Newtonsoft.Json.JsonConvert.SerializeObject(data),
        };

        try
        {
            return json is null ? [] : JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static IActivity ToActivity(Reply reply) => reply switch
    {
        TextReply text => BotMessenger.TextActivity(text.Text),
        CardReply card => BotMessenger.CardActivity(card.CardJson),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply type."),
    };

    private static ConversationAddress ReadAddress(Activity activity) => new(
        activity.ServiceUrl ?? string.Empty,
        activity.Conversation?.Id ?? string.Empty,
        activity.Conversation?.TenantId ?? string.Empty,
        activity.Recipient?.Id ?? string.Empty,
        activity.Recipient?.Name ?? "PartnerBot",
        ReadConversationKind(activity.Conversation));

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
