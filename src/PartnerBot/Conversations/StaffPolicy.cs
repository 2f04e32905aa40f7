using Microsoft.Extensions.Options;
using PartnerBot.Configuration;

namespace PartnerBot.Conversations;

/// <summary>Who may request, approve, and approve resets of privileged users, from the configured object id lists.</summary>
public sealed class StaffPolicy(IOptions<PartnerBotOptions> options)
{
    private readonly HashSet<Guid> requesters = Parse(options.Value.HelpdeskStaff);
    private readonly HashSet<Guid> approvers = Parse(options.Value.Approvers);
    private readonly HashSet<Guid> privilegedApprovers = Parse(options.Value.PrivilegedApprovers);

    public IReadOnlyCollection<Guid> Approvers => approvers;

    public bool MayRequest(Guid? objectId) => objectId is { } id && requesters.Contains(id);

    public bool MayApprove(Guid? objectId) => objectId is { } id && approvers.Contains(id);

    public bool MayApprovePrivileged(Guid? objectId) => objectId is { } id && approvers.Contains(id) && privilegedApprovers.Contains(id);

    // The options validator has already rejected entries that are not GUIDs.
    private static HashSet<Guid> Parse(IEnumerable<string> values) => [.. values.Select(Guid.Parse)];
}
