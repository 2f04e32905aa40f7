using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.PartnerCenter;

namespace PartnerBot.ResetClient.Authentication;

/// <summary>Sends the fixed, non-secret token that the PartnerBot sandbox accepts.</summary>
internal sealed class SandboxTokenProvider(IOptions<PartnerCenterOptions> options) : IPartnerCenterTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(Guid correlationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Authentication.SandboxAccessToken);
}
