using Microsoft.Extensions.Options;
using PartnerBot.Configuration;
using PartnerBot.ResetClient;
using PartnerBot.ResetClient.Graph;

namespace PartnerBot.Conversations;

/// <summary>
/// Who may request, approve, and approve resets of privileged users. A role whose Microsoft Entra group is
/// configured under Graph:StaffGroups is checked against that group in the partner tenant, with a short cache.
/// Other roles are checked against the object id lists in the PartnerBot section. A failed group check denies.
/// </summary>
public sealed class StaffPolicy(
    IOptions<PartnerBotOptions> options,
    IOptions<GraphOptions> graphOptions,
    IServiceProvider services,
    ILogger<StaffPolicy> logger)
{
    private readonly HashSet<Guid> requesters = Parse(options.Value.HelpdeskStaff);
    private readonly HashSet<Guid> approvers = Parse(options.Value.Approvers);
    private readonly HashSet<Guid> privilegedApprovers = Parse(options.Value.PrivilegedApprovers);
    private readonly GraphStaffGroupOptions groups = graphOptions.Value.StaffGroups;
    private readonly IStaffDirectory? staffDirectory = services.GetService<IStaffDirectory>();

    /// <summary>The approvers who receive approval cards in their personal chats: the configured list.</summary>
    public IReadOnlyCollection<Guid> Approvers => approvers;

    public Task<bool> MayRequestAsync(Guid? objectId, CancellationToken cancellationToken) =>
        IsInRoleAsync(objectId, groups.RequestersGroupId, requesters, "requesters", cancellationToken);

    public Task<bool> MayApproveAsync(Guid? objectId, CancellationToken cancellationToken) =>
        IsInRoleAsync(objectId, groups.ApproversGroupId, approvers, "approvers", cancellationToken);

    public async Task<bool> MayApprovePrivilegedAsync(Guid? objectId, CancellationToken cancellationToken) =>
        await MayApproveAsync(objectId, cancellationToken)
        && await IsInRoleAsync(objectId, groups.PrivilegedApproversGroupId, privilegedApprovers, "privileged approvers", cancellationToken);

    private async Task<bool> IsInRoleAsync(Guid? objectId, Guid? groupId, HashSet<Guid> list, string role, CancellationToken cancellationToken)
    {
        if (objectId is not { } id)
        {
            return false;
        }

        if (groupId is not { } group || staffDirectory is null)
        {
            return list.Contains(id);
        }

        try
        {
            return await staffDirectory.IsMemberAsync(id, group, cancellationToken);
        }
        catch (DirectoryRequestException exception)
        {
            Log.StaffCheckFailed(logger, exception, id, role, group);
            return false;
        }
    }

    // The options validator has already rejected entries that are not GUIDs.
    private static HashSet<Guid> Parse(IEnumerable<string> values) => [.. values.Select(Guid.Parse)];
}
