using System.Net;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>Turns Partner Center error responses and transport errors into <see cref="DirectoryFailure"/> values.</summary>
internal static class PartnerCenterFailures
{
    public const string ResetOperation = "ResetPassword";

    private const string ReportStep = "If it keeps happening, send the reference below to the bot's administrator.";

    public static DirectoryFailure FromResponse(
        PartnerCenterRequestContext context, HttpStatusCode status, string? errorCode, string? description, string? password)
    {
        var failure = Classify(context.Operation, status, errorCode, description, password);
        return failure with
        {
            StatusCode = status,
            ErrorCode = errorCode,
            CorrelationId = context.CorrelationId,
            RequestId = context.RequestId,
        };
    }

    public static DirectoryFailure TimedOut(PartnerCenterRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.TimedOut,
        Operation = context.Operation,
        Sentence = context.Operation == ResetOperation
            ? "The request to Partner Center timed out, so it is unknown whether the password was changed."
            : "The request to Partner Center timed out.",
        NextStep = context.Operation == ResetOperation
            ? "Send the same reset again: it keeps its request id, so Partner Center applies it at most once."
            : "Try again in a few minutes.",
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure Unreachable(PartnerCenterRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.ServiceUnreachable,
        Operation = context.Operation,
        Sentence = "The bot could not connect to Partner Center.",
        NextStep = "Try again in a few minutes. " + ReportStep,
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure SignInFailed(PartnerCenterRequestContext context) => new()
    {
        Kind = DirectoryFailureKind.AuthenticationFailed,
        Operation = context.Operation,
        Sentence = "The bot could not sign in to Partner Center.",
        NextStep = "Ask the bot's administrator to renew the bot's Partner Center consent.",
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    public static DirectoryFailure InvalidAnswer(PartnerCenterRequestContext context, HttpStatusCode status) => new()
    {
        Kind = DirectoryFailureKind.Unexpected,
        Operation = context.Operation,
        Sentence = "Partner Center sent a response that the bot could not read.",
        NextStep = ReportStep,
        StatusCode = status,
        CorrelationId = context.CorrelationId,
        RequestId = context.RequestId,
    };

    private static DirectoryFailure Classify(
        string operation, HttpStatusCode status, string? errorCode, string? description, string? password)
    {
        return ((int)status, errorCode) switch
        {
            (401, "800001") => Create(operation, DirectoryFailureKind.AuthenticationFailed,
                "Partner Center did not receive a valid sign-in from the bot.",
                "Ask the bot's administrator to check the bot's Partner Center connection."),
            (401 or 400, "400") or (403, not "20002") => Create(operation, DirectoryFailureKind.AccessDenied,
                "Partner Center denied the bot access to this operation.",
                "Ask a partner administrator to check that the bot's account holds the Admin agent role and a GDAP " +
                "relationship with the User Administrator role for this customer."),
            (401, _) => Create(operation, DirectoryFailureKind.AuthenticationFailed,
                "Partner Center did not accept the bot's sign-in.",
                "Ask the bot's administrator to renew the bot's Partner Center consent."),
            (403, "20002") => Create(operation, DirectoryFailureKind.NoRelationship,
                "Your company has no partner relationship with this customer in Partner Center.",
                "Check that you picked the right customer, or ask your account manager to set up a delegated admin relationship."),
            (404, "60002") => Create(operation, DirectoryFailureKind.UserNotFound,
                "The user was not found in the customer's directory.",
                "Search for the user again, because the account may have been deleted or renamed."),
            (404, "60003") => Create(operation, DirectoryFailureKind.CustomerNotFound,
                "The customer was not found in Partner Center.",
                "Search for the customer again by company name or domain."),
            (404, _) => Create(operation, DirectoryFailureKind.NotFound,
                "Partner Center did not find what the bot asked for.",
                "Search for the customer and the user again."),
            (400, "800002") => Create(operation, DirectoryFailureKind.InvalidInput,
                "Partner Center rejected the request as invalid input.",
                "Check the customer and the user you picked and try again. " + ReportStep),
            (400, _) when operation == ResetOperation => Create(operation, DirectoryFailureKind.PasswordRejected,
                $"Partner Center rejected the new password: {Describe(description, password)}",
                "Choose a different password that meets the customer's password policy and try again."),
            (400, _) => Create(operation, DirectoryFailureKind.InvalidInput,
                "Partner Center rejected the request.",
                "Check the customer and the user you picked and try again. " + ReportStep),
            (429, _) => Create(operation, DirectoryFailureKind.Throttled,
                "Partner Center is limiting the bot's requests right now.",
                "Wait a minute and try again."),
            ( >= 500, _) => Create(operation, DirectoryFailureKind.ServiceUnavailable,
                "Partner Center is having problems right now.",
                "Try again in a few minutes. " + ReportStep),
            _ => Create(operation, DirectoryFailureKind.Unexpected,
                $"Partner Center returned an unexpected status {(int)status}.",
                ReportStep),
        };
    }

    // Partner Center's description is shown to the agent; in case it ever quotes the password, that is masked.
    private static string Describe(string? description, string? password)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return "it gave no reason.";
        }

        var text = description.Trim();
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
