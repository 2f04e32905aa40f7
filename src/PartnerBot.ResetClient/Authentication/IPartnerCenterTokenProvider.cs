namespace PartnerBot.ResetClient.Authentication;

/// <summary>Source of the bearer token that the Partner Center client sends.</summary>
public interface IPartnerCenterTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(Guid correlationId, CancellationToken cancellationToken);
}

/// <summary>Raised when no access token could be obtained; the message carries no secret.</summary>
public sealed class TokenAcquisitionException(string message, Exception? innerException = null)
    : Exception(message, innerException);
