using PartnerBot.Sandbox.Data;

namespace PartnerBot.Sandbox.Graph;

/// <summary>
/// The Graph view of a <see cref="PartnerCenterSandbox"/>: the same customers, users, passwords, request record and
/// fault plan, plus the partner's staff groups and each user's last password change. Tests change group membership
/// at run time through <see cref="AddMember"/> and <see cref="RemoveMember"/>.
/// </summary>
public sealed class GraphSandbox
{
    /// <summary>The <c>lastPasswordChangeDateTime</c> of users whose password the sandbox has not set.</summary>
    public static readonly DateTimeOffset SeededPasswordChange = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, HashSet<Guid>> _groups = [];
    private readonly Dictionary<(Guid CustomerId, Guid UserId), DateTimeOffset> _passwordChanges = [];

    public GraphSandbox(PartnerCenterSandbox partnerCenter, GraphSandboxOptions options)
    {
        PartnerCenter = partnerCenter;
        Options = options;
        foreach (var (group, members) in options.Groups)
        {
            _groups[ParseId(group, "group")] = [.. members.Select(member => ParseId(member, "member"))];
        }
    }

    public PartnerCenterSandbox PartnerCenter { get; }

    public GraphSandboxOptions Options { get; }

    public SeededDirectory Directory => PartnerCenter.Directory;

    public void AddMember(Guid groupId, Guid objectId)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(groupId, out var members))
            {
                members = [];
                _groups[groupId] = members;
            }

            members.Add(objectId);
        }
    }

    public void RemoveMember(Guid groupId, Guid objectId)
    {
        lock (_lock)
        {
            _groups.GetValueOrDefault(groupId)?.Remove(objectId);
        }
    }

    /// <summary>Returns the groups among <paramref name="groupIds"/> that have <paramref name="objectId"/> as a member.</summary>
    public IReadOnlyList<Guid> MemberGroups(Guid objectId, IEnumerable<Guid> groupIds)
    {
        lock (_lock)
        {
            return groupIds.Where(group => _groups.GetValueOrDefault(group)?.Contains(objectId) == true).ToList();
        }
    }

    /// <summary>Returns when the user's password last changed, in whole seconds as Graph reports it.</summary>
    public DateTimeOffset LastPasswordChange(Guid customerId, Guid userId)
    {
        lock (_lock)
        {
            return _passwordChanges.GetValueOrDefault((customerId, userId), SeededPasswordChange);
        }
    }

    /// <summary>
    /// Sets a password. Unlike a Partner Center reset it has no request id to deduplicate on, because Graph has none:
    /// every call counts in <see cref="PartnerCenterSandbox.ResetCount"/>.
    /// </summary>
    internal void SetPassword(Guid customerId, Guid userId, string password)
    {
        PartnerCenter.ApplyOnce(Guid.NewGuid(), () =>
        {
            PartnerCenter.SetPassword(customerId, userId, password);
            return new StoredResponse(204, []);
        });

        var now = DateTimeOffset.UtcNow;
        lock (_lock)
        {
            _passwordChanges[(customerId, userId)] = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    private static Guid ParseId(string text, string kind) =>
        Guid.TryParse(text, out var id)
            ? id
            : throw new FormatException($"{GraphSandboxOptions.SectionName}:Groups has a {kind} id '{text}' that is not a GUID.");
}
