using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace PartnerBot.Bot;

/// <summary>
/// The CloudAdapter behind /api/messages, with the tenant guard first in the pipeline and one handler
/// for turns that throw. The base class logs under the Microsoft.Bot category, so its per-activity
/// lines can be filtered apart from PartnerBot's own.
/// </summary>
public sealed class PartnerBotAdapter : CloudAdapter
{
    public PartnerBotAdapter(
        BotFrameworkAuthentication authentication,
        TenantGuardMiddleware tenantGuard,
        TurnErrorResponder turnErrorResponder,
        ILoggerFactory loggerFactory)
        : base(authentication, loggerFactory.CreateLogger("Microsoft.Bot.Builder.CloudAdapter"))
    {
        Use(tenantGuard);
        OnTurnError = turnErrorResponder.RespondAsync;
    }
}
