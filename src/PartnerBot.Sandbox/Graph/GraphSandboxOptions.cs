namespace PartnerBot.Sandbox.Graph;

/// <summary>Settings of the Graph sandbox, bound from the <c>GraphSandbox</c> configuration section.</summary>
public sealed record GraphSandboxOptions
{
    public const string SectionName = "GraphSandbox";

    /// <summary>
    /// Tenant id of the partner, whose token reads delegated admin customers and staff groups. Default
    /// 5b7c3e2a-9d14-4f60-8a31-c2e9f0d4b718, the reset client's default in Sandbox mode.
    /// </summary>
    public Guid PartnerTenantId { get; init; } = Guid.Parse("5b7c3e2a-9d14-4f60-8a31-c2e9f0d4b718");

    /// <summary>Staff groups of the partner's tenant: group object id to the object ids of its members. Default none.</summary>
    public Dictionary<string, string[]> Groups { get; init; } = [];

    /// <summary>
    /// True when the partner's GDAP roles include Privileged Authentication Administrator, so resets of users with
    /// administrator roles succeed. Default false: such resets get 403 Authorization_RequestDenied.
    /// </summary>
    public bool PartnerIsPrivilegedAuthenticationAdministrator { get; init; }
}
