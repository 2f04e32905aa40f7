namespace PartnerBot.Sandbox.Data;

public sealed record SandboxCustomer(
    int Index,
    Guid Id,
    string CompanyName,
    string Domain,
    string Country,
    int UserCount,
    bool HasRelationship,
    bool SyncsFromOnPremises);

public sealed record SandboxRole(Guid Id, string Name);

public sealed record SandboxUser(
    Guid Id,
    int Index,
    string UserPrincipalName,
    string FirstName,
    string LastName,
    string DisplayName,
    string UsageLocation,
    bool IsInactive,
    DateTimeOffset? LastDirectorySyncTime,
    IReadOnlyList<SandboxRole> Roles);

/// <summary>Customers with fixed ids and names, for tests and benchmarks.</summary>
public static class WellKnownCustomers
{
    /// <summary>Tenant id of "Contoso Megacorp", the customer with <see cref="ContosoMegacorpUserCount"/> users.</summary>
    public const string ContosoMegacorpId = "6c1f6a7e-3b1d-4e52-9a0f-2d8c4b7e9a10";
    public const string ContosoMegacorpName = "Contoso Megacorp";
    public const string ContosoMegacorpDomain = "contosomegacorp.onmicrosoft.com";
    public const int ContosoMegacorpUserCount = 50_000;

    /// <summary>Tenant id of "Müller Logistik GmbH", a small customer with non-ASCII names.</summary>
    public const string MullerLogistikId = "3f0b8d2c-1a47-4c9e-8b53-7d6e2f1a0c94";
    public const string MullerLogistikName = "Müller Logistik GmbH";
    public const int MullerLogistikUserCount = 12;

    /// <summary>Tenant id of a customer that the partner no longer has a relationship with (user calls return 403/20002).</summary>
    public const string FormerCustomerId = "9a5e3c71-0d2b-4f86-a1c4-5b7f8e2d6a03";
    public const string FormerCustomerName = "Fabrikam Former Customer Ltd";
}

/// <summary>Directory role names and template ids as Partner Center reports them.</summary>
public static class SandboxRoles
{
    public static readonly SandboxRole CompanyAdministrator = new(Guid.Parse("62e90394-69f5-4237-9190-012177145e10"), "Company Administrator");
    public static readonly SandboxRole UserAdministrator = new(Guid.Parse("fe930be7-5e62-47db-91af-98c3a49a38b1"), "User Administrator");
    public static readonly SandboxRole HelpdeskAdministrator = new(Guid.Parse("729827e3-9c14-49f7-bb1b-9608f156bbb8"), "Helpdesk Administrator");
    public static readonly SandboxRole BillingAdministrator = new(Guid.Parse("b0f54661-2d74-4c50-afa3-1ec803f12efe"), "Billing Administrator");
    public static readonly SandboxRole PrivilegedAuthenticationAdministrator =
        new(Guid.Parse("7be44c8a-adaf-4e2a-84d6-ab2649e08a13"), "Privileged Authentication Administrator");
}
