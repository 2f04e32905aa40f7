using System.Net;

namespace PartnerBot.ResetClient.Graph;

/// <summary>What a Graph operation works on, which decides the guidance for a denied request.</summary>
internal enum GraphTarget
{
    /// <summary>Delegated admin customers, read in the partner's own tenant.</summary>
    PartnerCustomers,

    /// <summary>Users and their roles, read in a customer's tenant.</summary>
    CustomerUsers,

    /// <summary>A password reset of a user without administrator roles.</summary>
    ResetOfUser,

    /// <summary>A password reset of a user with one or more administrator roles.</summary>
    ResetOfAdministrator,

    /// <summary>A password reset whose target's roles could not be read.</summary>
    ResetOfUnknownUser,

    /// <summary>Group memberships of the partner's own staff.</summary>
    StaffGroups,
}

/// <summary>Turns Graph error responses and transport errors into <see cref="DirectoryFailure"/> values.</summary>
internal static class GraphFailures
{
    public const string ResetOperation = "ResetPassword";
    public const string AccessDeniedCode = "Authorization_RequestDenied";

    private const string ReportStep = "If it keeps happening, send the reference below to the bot's administrator.";
    private const string AskPartnerAdmin = "Ask a partner administrator to add the ";
    private const string RelationshipEnd = " role to the GDAP relationship with this customer and to assign it to the bot's security group.";

    public static DirectoryFailure FromResponse(
        GraphRequestContext context, GraphTarget target, HttpStatusCode status, string? errorCode, string? message, string? password)
    {
        var failure = Classify(context.Operation, target, (int)status, errorCode, message, password);
        return failure with
        {
            StatusCode = status,
            ErrorCode = errorCode,
            CorrelationId = context.CorrelationId,
            RequestId = context.RequestId,
        };
    }

    public static DirectoryFailure TimedOut(GraphRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.TimedOut,
        Operation = context.Operation,
        Sentence = context.Operation == ResetOperation
            ? "The request to Microsoft Graph timed out, so it is unknown whether the password was changed."
            : "The request to Microsoft Graph timed out.",
        NextStep = context.Operation == ResetOperation
            ? "Send the same reset again: the bot first checks the user's last password change, so it is applied at most once."
            : "Try again in a few minutes.",
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure Unreachable(GraphRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.ServiceUnreachable,
        Operation = context.Operation,
        Sentence = "The bot could not connect to Microsoft Graph.",
        NextStep = "Try again in a few minutes. " + ReportStep,
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure SignInFailed(GraphRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.AuthenticationFailed,
        Operation = context.Operation,
        Sentence = "The bot could not sign in to the tenant for Microsoft Graph.",
        NextStep = "Check that the customer has an active GDAP relationship with your company, then ask the bot's " +
            "administrator to renew the bot's Secure Application Model consent if it keeps failing.",
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure InvalidAnswer(GraphRequestContext context, HttpStatusCode? status) => new()
    {
        Kind = DirectoryFailureKind.Unexpected,
        Operation = context.Operation,
        Sentence = "Microsoft Graph sent a response that the bot could not read.",
        NextStep = ReportStep,
        StatusCode = status,
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure DomainSearchUnsupported(Guid correlationId) => new()
    {
        Kind = DirectoryFailureKind.InvalidInput,
        Operation = "SearchCustomers",
        Sentence = "Customers can be searched only by company name when the bot uses Microsoft Graph.",
        NextStep = "Search again with the first letters of the company name.",
        CorrelationId = correlationId,
    };

    /// <summary>True when a failed reset may have been applied anyway, so its outcome has to be checked before a resend.</summary>
    public static bool LeavesOutcomeUnknown(DirectoryFailure failure) =>
        failure.Kind is DirectoryFailureKind.TimedOut or DirectoryFailureKind.ServiceUnavailable
            or DirectoryFailureKind.ServiceUnreachable or DirectoryFailureKind.Unexpected;

    private static DirectoryFailure Classify(
        string operation, GraphTarget target, int status, string? errorCode, string? message, string? password)
    {
        return (status, errorCode) switch
        {
            (401, _) => Create(operation, DirectoryFailureKind.AuthenticationFailed,
                "Microsoft Graph did not accept the bot's sign-in for this tenant.",
                "Ask the bot's administrator to renew the bot's Secure Application Model consent."),
            (403, _) => Denied(operation, target),
            (404, _) => NotFound(operation, target),
            (400, _) when operation == ResetOperation && IsOnPremisesMastered(message) => Create(
                operation, DirectoryFailureKind.InvalidInput,
                "This user is synchronised from an on-premises directory, so Microsoft Graph cannot set the password.",
                "Reset it in the on-premises directory, or ask the customer's administrator to do it."),
            (400, _) when operation == ResetOperation => Create(operation, DirectoryFailureKind.PasswordRejected,
                $"Microsoft Graph rejected the new password: {Describe(message, password)}",
                "Choose a different password that meets the customer's password policy and try again."),
            (400, _) => Create(operation, DirectoryFailureKind.InvalidInput,
                "Microsoft Graph rejected the request.",
                "Check the customer and the user you picked and try again. " + ReportStep),
            (429, _) => Create(operation, DirectoryFailureKind.Throttled,
                "Microsoft Graph is limiting the bot's requests right now.",
                "Wait a minute and try again."),
            ( >= 500, _) => Create(operation, DirectoryFailureKind.ServiceUnavailable,
                operation == ResetOperation
                    ? "Microsoft Graph is having problems right now, and the bot could not confirm whether the password was changed."
                    : "Microsoft Graph is having problems right now.",
                "Try again in a few minutes. " + ReportStep),
            _ => Create(operation, DirectoryFailureKind.Unexpected,
                $"Microsoft Graph returned an unexpected status {status}.",
                ReportStep),
        };
    }

    // Graph returns 403 Authorization_RequestDenied ("Insufficient privileges") when the partner's GDAP roles in the
    // customer's tenant do not cover the operation, and also for other missing permissions. Both get the role advice.
    private static DirectoryFailure Denied(string operation, GraphTarget target) => target switch
    {
        GraphTarget.ResetOfAdministrator => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot's partner account lacks the Privileged Authentication Administrator role in this customer's " +
            "tenant, which Microsoft Graph requires to reset the password of a user with administrator roles.",
            AskPartnerAdmin + "Privileged Authentication Administrator" + RelationshipEnd),
        GraphTarget.ResetOfUser => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot's partner account lacks a role that may reset this user's password in the customer's tenant: " +
            "User Administrator, Password Administrator or Helpdesk Administrator.",
            AskPartnerAdmin + "User Administrator, Password Administrator or Helpdesk Administrator" + RelationshipEnd),
        GraphTarget.ResetOfUnknownUser => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot's partner account lacks a role that may reset this user's password in the customer's tenant: " +
            "User Administrator, Password Administrator or Helpdesk Administrator for ordinary users, or Privileged " +
            "Authentication Administrator for users with administrator roles.",
            AskPartnerAdmin + "matching" + RelationshipEnd),
        GraphTarget.CustomerUsers => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot's partner account lacks a role that may read users in this customer's tenant, such as " +
            "Directory Readers or User Administrator.",
            AskPartnerAdmin + "Directory Readers or User Administrator" + RelationshipEnd),
        GraphTarget.StaffGroups => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot may not read group memberships in your company's tenant.",
            "Ask a partner administrator to grant the partner application the GroupMember.Read.All permission."),
        _ => Create(operation, DirectoryFailureKind.AccessDenied,
            "The bot may not read your company's delegated admin customers.",
            "Ask a partner administrator to grant the partner application the DelegatedAdminRelationship.Read.All " +
            "permission and the bot's account a partner role that may read GDAP relationships."),
    };

    private static DirectoryFailure NotFound(string operation, GraphTarget target) => target switch
    {
        GraphTarget.PartnerCustomers => Create(operation, DirectoryFailureKind.CustomerNotFound,
            "The customer was not found among your company's delegated admin customers.",
            "Search for the customer again by company name."),
        GraphTarget.StaffGroups => Create(operation, DirectoryFailureKind.UserNotFound,
            "Your account was not found in your company's directory.",
            "Ask the bot's administrator to check your account."),
        _ => Create(operation, DirectoryFailureKind.UserNotFound,
            "The user was not found in the customer's directory.",
            "Search for the user again, because the account may have been deleted or renamed."),
    };

    // NOTE: the wording of Graph's error for a password change on a user synchronised from on-premises comes from
    // public reports, not from a documented error code, so this match may miss it. The reset then shows as rejected.
    private static bool IsOnPremisesMastered(string? message) =>
        message is not null &&
        (message.Contains("on-premise", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("Directory Sync", StringComparison.OrdinalIgnoreCase));

    // Graph's message is shown to the agent; in case it ever quotes the password, that is masked.
    private static string Describe(string? message, string? password)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "it gave no reason.";
        }

        var text = message.Trim();
        if (!string.IsNullOrEmpty(password))
        {
            text = text.Replace(password, "***", StringComparison.Ordinal);
        }

        return text.EndsWith('.') ? text : text + ".";
    }

    private static DirectoryFailure Create(string operation, DirectoryFailureKind kind, string sentence, string nextStep) => new()
    {
        Kind = kind,
        Operation = operation,
        Sentence = sentence,
        NextStep = nextStep,
    };
}
