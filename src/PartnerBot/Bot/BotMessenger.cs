using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using PartnerBot.Commands;
using PartnerBot.Configuration;
using PartnerBot.Conversations;

namespace PartnerBot.Bot;

/// <summary>Sends and edits messages outside the current turn through the CloudAdapter's proactive calls.</summary>
public sealed class BotMessenger(PartnerBotAdapter adapter, IOptions<BotCredentialOptions> credentials) : IMessenger
{
    private const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
    private const string TeamsChannelId = "msteams";

    private readonly string botAppId = credentials.Value.MicrosoftAppId ?? string.Empty;

    public Task<string> SendCardAsync(ConversationAddress address, string cardJson, CancellationToken cancellationToken) =>
        SendAsync(address, CardActivity(cardJson), cancellationToken);

    public Task<string> SendTextAsync(ConversationAddress address, string text, CancellationToken cancellationToken) =>
        SendAsync(address, TextActivity(text), cancellationToken);

    public Task UpdateCardAsync(ConversationAddress address, string activityId, string cardJson, CancellationToken cancellationToken) =>
        UpdateAsync(address, activityId, CardActivity(cardJson), cancellationToken);

    public Task UpdateTextAsync(ConversationAddress address, string activityId, string text, CancellationToken cancellationToken) =>
        UpdateAsync(address, activityId, TextActivity(text), cancellationToken);

    public async Task<ConversationAddress> OpenPersonalConversationAsync(ConversationAddress via, string teamsUserId, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(via.BotId, via.BotName),
            Members = [new ChannelAccount(teamsUserId)],
            TenantId = via.TenantId,
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo(via.TenantId) },
        };

        ConversationAddress? opened = null;
        try
        {
            // NOTE: the audience is left to Bot Framework's default (null), which was only exercised against the Agents Playground.
            await adapter.CreateConversationAsync(
                botAppId,
                TeamsChannelId,
                via.ServiceUrl,
                null,
                parameters,
                (turnContext, _) =>
                {
                    opened = via with { ConversationId = turnContext.Activity.Conversation.Id, Kind = ConversationKind.Personal };
                    return Task.CompletedTask;
                },
                cancellationToken);
        }
        catch (ErrorResponseException exception) when (exception.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            throw new RecipientUnreachableException($"Opening a personal conversation failed with HTTP {(int)exception.Response.StatusCode}.", exception);
        }

        return opened ?? throw new RecipientUnreachableException("The Bot Connector service returned no conversation.");
    }

    private async Task<string> SendAsync(ConversationAddress address, Activity activity, CancellationToken cancellationToken)
    {
        string? activityId = null;
        try
        {
            await adapter.ContinueConversationAsync(
                botAppId,
                ToReference(address),
                async (turnContext, token) => activityId = (await turnContext.SendActivityAsync(activity, token))?.Id,
                cancellationToken);
        }
        catch (ErrorResponseException exception) when (exception.Response?.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            throw new RecipientUnreachableException($"Sending to the conversation failed with HTTP {(int)exception.Response.StatusCode}.", exception);
        }

        return activityId ?? throw new InvalidOperationException("The Bot Connector service returned no activity id for a sent message.");
    }

    private Task UpdateAsync(ConversationAddress address, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = activityId;
        return adapter.ContinueConversationAsync(
            botAppId,
            ToReference(address),
            (turnContext, token) => turnContext.UpdateActivityAsync(activity, token),
            cancellationToken);
    }

    private static ConversationReference ToReference(ConversationAddress address) => new()
    {
        ChannelId = TeamsChannelId,
        ServiceUrl = address.ServiceUrl,
        Bot = new ChannelAccount(address.BotId, address.BotName),
        Conversation = new ConversationAccount(
            isGroup: address.Kind != ConversationKind.Personal,
            conversationType: address.Kind switch
            {
                ConversationKind.Channel => "channel",
                ConversationKind.GroupChat => "groupChat",
                _ => "personal",
            },
            id: address.ConversationId,
            tenantId: address.TenantId),
    };

    internal static Activity CardActivity(string cardJson) =>
        (Activity)MessageFactory.Attachment(new Attachment(AdaptiveCardContentType, content: JObject.Parse(cardJson)));

    /// <summary>Creates a message that Teams shows as plain text, so names and other data are never read as Markdown.</summary>
    internal static Activity TextActivity(string text)
    {
        var message = MessageFactory.Text(text);
        message.TextFormat = TextFormatTypes.Plain;
        return message;
    }
}
