using PartnerBot.Cards;

namespace PartnerBot.Commands;

public static class CommandServiceCollectionExtensions
{
    /// <summary>Adds the command handler and the card renderer.</summary>
    public static IServiceCollection AddPartnerBotCommands(this IServiceCollection services)
    {
        services.AddSingleton<CardRenderer>();
        services.AddSingleton<CommandHandler>();
        return services;
    }
}
