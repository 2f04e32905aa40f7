using System.Text.RegularExpressions;

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

    public const string RequestCancelled = "Your password reset request is cancelled. Nothing was reset.";

    public const string TooLateToCancel = "This request has already been approved and can no longer be cancelled.";

    // The cards of a password reset, in the order the requester and the approver see them.

    public const string CustomerCardTitle = ResetPasswordStarted;

    public const string CustomerInput = "Customer";

    public const string CustomerChoices = "Pick the customer";

    public const string UserCardTitle = "Reset a password: choose the user";

    public const string UserInput = "User";

    public const string UserChoices = "Pick the user";

    public const string ConfirmCardTitle = "Reset a password: check and ask for approval";

    public const string ReasonInput = "Reason (optional)";

    public const string RequestStatusCardTitle = "Password reset request";

    public const string WaitingForApproval = "Waiting for approval.";

    public const string ApprovalCardTitle = "Approval needed: password reset";

    public const string PasswordMessageStart = "Temporary password for";

    public const string SearchButton = "Search";

    public const string ChooseCustomerButton = "Choose customer";

    public const string ChooseUserButton = "Choose user";

    public const string RequestApprovalButton = "Request approval";

    public const string ApproveButton = "Approve";

    /// <summary>The title of a customer in the customer choice set.</summary>
    public static string CustomerChoice(string companyName, string? domain) =>
        string.IsNullOrEmpty(domain) ? companyName : $"{companyName} ({domain})";

    /// <summary>The title of an active user without administrator roles in the user choice set.</summary>
    public static string UserChoice(string displayName, string userPrincipalName) => $"{displayName} ({userPrincipalName}), active";

    /// <summary>The status that the requester's card and the approval card show once the password was delivered.</summary>
    public static string ResetCompleted(string approverName) =>
        $"Approved by {approverName}. The password was reset and sent privately to the requester.";

    /// <summary>
    /// Matches the private message with the temporary password and captures the password in the group "password".
    /// The password is alone on the last line, after a blank line. Generated passwords contain no whitespace.
    /// </summary>
    public static Regex PasswordMessage(string userPrincipalName, string customerName) =>
        new($@"{Regex.Escape(PasswordMessageStart)} {Regex.Escape(userPrincipalName)} \({Regex.Escape(customerName)}\) is below\..*? minutes\.\r?\n\r?\n(?<password>\S+)", RegexOptions.Singleline);
}
