namespace PartnerBot;

/// <summary>Every sentence PartnerBot sends as plain text, in one place.</summary>
internal static class Messages
{
    public const string Welcome =
        "Hi, I'm PartnerBot. I reset passwords of users in your customers' tenants: a helpdesk agent requests the reset, " +
        "a second person approves it, and the temporary password comes to the requester in this private chat. " +
        "Only your partner's helpdesk staff and approvers can use me. Type help to see the commands.";

    public const string UnknownCommand = "I didn't recognise that. Type help to see what I can do.";

    public const string NothingToCancel = "There is no open request to cancel.";

    public const string ResetNotAvailable = "Password resets are not available in this version of PartnerBot yet. Use Partner Center for now.";

    public const string UnknownCardAction = "This card action is not recognised. Start again by typing reset password.";

    public static string TurnFailed(string referenceId) =>
        $"Sorry, something went wrong on our side. Try again, and if it keeps failing give your administrator the reference {referenceId}.";
}
