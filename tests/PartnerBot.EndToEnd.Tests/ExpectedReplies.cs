namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// The bot's texts that the tests look for. They are copied from the bot on purpose, because a test that read
/// them from the bot's assembly would pass whatever text the bot sent.
/// </summary>
internal static class ExpectedReplies
{
    public const string HelpCardTitle = "PartnerBot help";

    public static readonly string[] HelpCardCommands = ["reset password", "cancel", "help"];

    public const string ResetPasswordStarted = "Reset a password: choose the customer";

    public const string NothingToCancel = "There is no open request to cancel.";

    public const string UnknownCommand = "I didn't recognise that. Type help to see what I can do.";
}
