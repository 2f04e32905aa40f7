using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using PartnerBot.Configuration;

namespace PartnerBot.Bot;

/// <summary>
/// Drops every activity whose tenant is not the partner tenant before any conversation logic runs.
/// Nothing is sent back, so a stranger's tenant learns nothing about the bot.
/// </summary>
public sealed class TenantGuardMiddleware(IOptions<PartnerBotOptions> options, ILogger<TenantGuardMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    private readonly Guid partnerTenantId = options.Value.PartnerTenantId!.Value;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var tenantId = ReadTenantId(turnContext);

        if (!Guid.TryParse(tenantId, out var parsed) || parsed != partnerTenantId)
        {
            Log.ForeignTenantDropped(logger, activity.Id, activity.Type, tenantId ?? "(none)", activity.Conversation?.Id, partnerTenantId);
            return;
        }

        await next(cancellationToken);
    }

    /// <summary>
    /// Reads the tenant from conversation.tenantId, or from channelData.tenant.id where Teams puts it
    /// for some activity types.
    /// </summary>
    private static string? ReadTenantId(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        if (!string.IsNullOrWhiteSpace(activity.Conversation?.TenantId))
        {
            return activity.Conversation.TenantId;
        }

        if (activity.ChannelData is null)
        {
            return null;
        }

        try
        {
            return activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }
}
