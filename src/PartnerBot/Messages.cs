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

    public const string UnknownCardAction = "This card action is not recognised. Start again by typing reset password.";

    public static string TurnFailed(string referenceId) =>
        $"Sorry, something went wrong on our side. Try again, and if it keeps failing give your administrator the reference {referenceId}.";

    public const string NotHelpdeskStaff = "Only the partner's helpdesk staff can request password resets. Ask your PartnerBot administrator to add you.";

    public const string NotAnApprover = "Only PartnerBot approvers can approve or reject password resets.";

    public const string SelfApprovalRejected = "You cannot approve or reject your own request. Another approver has to decide.";

    public const string PrivilegedApproverRequired = "This user holds an administrator role, so only a privileged approver can decide on this request.";

    public const string NotYourRequest = "This card belongs to another person's request. Type reset password to start your own.";

    public const string RequestNotFound = "This request no longer exists. Type reset password to start a new one.";

    public const string RequestExpired = "This request expired because nobody acted on it in time. Type reset password to start again.";

    public const string ApprovalExpired = "Nobody approved this request in time, so it expired and no password was reset. Type reset password to ask again.";

    public const string RequestCancelled = "Your password reset request is cancelled. Nothing was reset.";

    public const string TooLateToCancel = "This request has already been approved and can no longer be cancelled.";

    public const string EnterCustomerQuery = "Type the start of a company name or domain, then select Search.";

    public const string EnterUserQuery = "Type the start of a display name or user principal name, then select Search.";

    public const string NoCustomersFound = "No customer's company name or domain starts with that. Check the spelling or try a shorter start.";

    public const string NoUsersFound = "No user's display name or user principal name starts with that. Check the spelling or try a shorter start.";

    public const string PickCustomerFirst = "Pick a customer from the list first.";

    public const string PickUserFirst = "Pick a user from the list first.";

    public const string ReasonTooLong = "The reason can be at most 200 characters. Shorten it, for example to the ticket number.";

    public const string SyncedUserWarning = "This user is synchronised from an on-premises directory. Unless password writeback is on, the next sync may overwrite the new password, so consider resetting it on-premises.";

    public const string NoApproverReachable = "No approver could be reached. Approvers must install PartnerBot in personal scope, or an approver must set an approvals channel.";

    public const string RequesterUnreachable = "PartnerBot cannot send you a private message, so nothing was reset. Install PartnerBot for yourself (Apps, then PartnerBot, then Add), then request the reset again.";

    public const string ResetCompleted = "The password was reset and sent privately to the requester.";

    public const string PasswordNotDelivered = "The password was reset, but the private message with it could not be sent. Request another reset to get a new password.";

    public const string ResetOutcomeUnknown = "PartnerBot stopped while resetting the password, so the temporary password was lost. The user's password may have changed; request a new reset to get a working one.";

    public const string CardDoesNotMatchRequest = "This card does not belong to that request, so nothing was changed. Use the approval card of the request you want to decide.";

    public const string AuditOnlyForApprovers = "Only PartnerBot approvers can see the audit trail.";

    public const string ApprovalsChannelSet = "Approval requests will now be posted in this channel.";

    public const string ApprovalsChannelOnlyInChannels = "Type this command in the channel that should receive approval requests.";

    public static string InactiveUser(string displayName) =>
        $"{displayName} is inactive, so PartnerBot cannot reset this user's password. Restore the user in the customer's tenant first.";

    public static string PrivilegedUserRejected(string displayName, string roles) =>
        $"{displayName} holds an administrator role ({roles}). PartnerBot does not reset administrators' passwords; ask a Privileged Authentication Administrator to do it.";

    public static string RequestRejected(string? approver, string? comment) =>
        string.IsNullOrEmpty(comment)
            ? $"Rejected by {approver}. Nothing was reset."
            : $"Rejected by {approver}: {comment}. Nothing was reset.";

    public static string RequestFailed(string reason) => $"The password reset did not go through. {reason}";

    public static string PasswordMessage(string userPrincipalName, string customerName, string password, bool mustChange, TimeSpan lifetime)
    {
        var change = mustChange ? "The user must change it at the next sign-in." : "The user is not asked to change it at the next sign-in.";
        // The password goes on the last line, because chat lists and notifications preview the first one.
        return $"Temporary password for {userPrincipalName} ({customerName}) is below. {change} " +
            $"Give it to the user over a trusted channel. PartnerBot removes it from this message in {(int)lifetime.TotalMinutes} minutes.\n\n{password}";
    }

    public static string PasswordRemoved(string? userPrincipalName) =>
        $"The temporary password for {userPrincipalName} was removed from this message.";
}
