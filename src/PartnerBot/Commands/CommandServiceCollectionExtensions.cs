using PartnerBot.Cards;
using PartnerBot.Conversations;

namespace PartnerBot.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>Adds the command handler, the reset conversation, its cards and its background worker.</summary>
    public static IServiceCollection AddPartnerBotCommands(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<ResetCardBuilder>();
        services.AddSingleton<StaffPolicy>();
        services.AddSingleton<ResetAudit>();
        services.AddSingleton<PersonalConversationTracker>();
        services.AddSingleton<ApprovalFlow>();
        services.AddSingleton<ResetFlow>();
        services.AddSingleton<Audit.AuditCardBuilder>();
        services.AddSingleton<Audit.AuditViewer>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ResetWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<ResetWorker>());
        return services;
    }
}
