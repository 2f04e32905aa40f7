using System.Net;

namespace PartnerBot.ResetClient;

public enum DirectoryFailureKind
{
    /// <summary>The directory did not accept the bot's own sign-in (for example Partner Center 401/800001).</summary>
    AuthenticationFailed,

    /// <summary>The bot's account lacks a role or permission for the operation.</summary>
    AccessDenied,

    /// <summary>The partner has no (delegated admin) relationship with the customer.</summary>
    NoRelationship,

    CustomerNotFound,
    UserNotFound,
    NotFound,

    /// <summary>The directory rejected the request as malformed.</summary>
    InvalidInput,

    /// <summary>The directory rejected the new password, usually because of the customer's password policy.</summary>
    PasswordRejected,

    /// <summary>Still throttled after the allowed retries.</summary>
    Throttled,

    /// <summary>Still failing with a server error after the allowed retries.</summary>
    ServiceUnavailable,

    /// <summary>No response within the configured timeouts.</summary>
    TimedOut,

    /// <summary>The connection to the directory failed.</summary>
    ServiceUnreachable,

    Unexpected,
}

/// <summary>
/// A failed directory operation: a plain sentence and next step for the helpdesk agent, plus the detail that
/// support needs. None of its text contains a password or a token.
/// </summary>
public sealed record DirectoryFailure
{
    public required DirectoryFailureKind Kind { get; init; }

    /// <summary>Name of the operation that failed, for example "ResetPassword".</summary>
    public required string Operation { get; init; }

    /// <summary>What went wrong, in words a helpdesk agent understands.</summary>
    public required string Sentence { get; init; }

    /// <summary>What the agent can do about it.</summary>
    public required string NextStep { get; init; }

    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The service's own error code, for example Partner Center's "60002"; null when it sent none.</summary>
    public string? ErrorCode { get; init; }

    public Guid CorrelationId { get; init; }

    public Guid? RequestId { get; init; }

    /// <summary>Formats the text to show in Teams: the sentence, the next step and the correlation id as a reference.</summary>
    public string ToAgentText() => $"{Sentence} {NextStep} Reference: {CorrelationId}.";
}

/// <summary>Thrown by <see cref="ICustomerDirectory"/> methods when an operation fails; see <see cref="Failure"/>.</summary>
public sealed class DirectoryRequestException(DirectoryFailure failure, Exception? innerException = null)
    : Exception(FormatMessage(failure), innerException)
{
    public DirectoryFailure Failure { get; } = failure;

    private static string FormatMessage(DirectoryFailure failure)
    {
        var status = failure.StatusCode is { } code ? $"HTTP {(int)code}" : "no HTTP status";
        var errorCode = failure.ErrorCode ?? "none";
        return $"Directory operation {failure.Operation} failed ({failure.Kind}): {status}, error code {errorCode}, " +
            $"correlation id {failure.CorrelationId}.";
    }
}
