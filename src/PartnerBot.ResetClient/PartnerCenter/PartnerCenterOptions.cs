using Microsoft.Identity.Abstractions;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>Settings of the Partner Center client, bound from the <c>PartnerCenter</c> configuration section.</summary>
public sealed record PartnerCenterOptions
{
    public const string SectionName = "PartnerCenter";

    /// <summary>Root of the Partner Center REST API. Default https://api.partnercenter.microsoft.com/.</summary>
    public Uri BaseAddress { get; init; } = new("https://api.partnercenter.microsoft.com/");

    /// <summary>Time allowed for one HTTP attempt before it is abandoned and retried. Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one logical operation, all retries included. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt for throttling, server errors and timeouts. Default 4.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First delay of the exponential back-off; each later retry doubles it. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Maximum back-off delay between two attempts. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Maximum wait that a <c>Retry-After</c> header can impose. A longer value is cut to this, and a shorter one is
    /// raised to the exponential back-off of that retry. Default 60 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Users requested per page when listing a customer's users (Partner Center allows up to 500). Default 500.</summary>
    public int UserPageSize { get; init; } = 500;

    /// <summary>How long a customer's user index, built while searching users by name, is reused. Default 2 minutes.</summary>
    public TimeSpan UserIndexTimeToLive { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Customers whose user index is kept at once; the least recently used is dropped first. Default 16.</summary>
    public int UserIndexMaxCustomers { get; init; } = 16;

    /// <summary>
    /// Users kept in one customer's index; a search in a larger directory keeps paging past them. Default 100,000.
    /// </summary>
    public int UserIndexMaxUsersPerCustomer { get; init; } = 100_000;

    public PartnerCenterAuthenticationOptions Authentication { get; init; } = new();
}

public enum PartnerCenterAuthenticationMode
{
    /// <summary>App+User tokens from a Secure Application Model refresh token (production).</summary>
    SecureApplicationModel,

    /// <summary>
    /// A fixed, non-secret bearer token that only the PartnerBot sandbox accepts. The host must reject this mode
    /// outside the Development environment.
    /// </summary>
    Sandbox,
}

/// <summary>Settings under <c>PartnerCenter:Authentication</c>.</summary>
public sealed record PartnerCenterAuthenticationOptions
{
    public PartnerCenterAuthenticationMode Mode { get; init; } = PartnerCenterAuthenticationMode.SecureApplicationModel;

    /// <summary>Microsoft Entra instance. Default https://login.microsoftonline.com/.</summary>
    public Uri Instance { get; init; } = new("https://login.microsoftonline.com/");

    /// <summary>The partner's own tenant id, where the partner application is registered.</summary>
    public string? TenantId { get; init; }

    /// <summary>Application (client) id of the partner application.</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Credentials of the partner application in the Microsoft.Identity.Web format, for example
    /// <c>{ "SourceType": "ClientSecret", "ClientSecret": "..." }</c> or
    /// <c>{ "SourceType": "KeyVault", "KeyVaultUrl": "...", "KeyVaultCertificateName": "..." }</c>.
    /// The first one that loads is used.
    /// </summary>
    public CredentialDescription[] ClientCredentials { get; init; } = [];

    /// <summary>Refresh token from the Secure Application Model consent of a partner administrator.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Scope requested for Partner Center. Default https://api.partnercenter.microsoft.com/.default.</summary>
    public string Scope { get; init; } = "https://api.partnercenter.microsoft.com/.default";

    /// <summary>An access token is renewed when it expires within this margin. Default 5 minutes.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The bearer token sent in <see cref="PartnerCenterAuthenticationMode.Sandbox"/> mode.</summary>
    public string SandboxAccessToken { get; init; } = SandboxToken;

    /// <summary>The token that the PartnerBot sandbox accepts by default. It is not a secret.</summary>
    public const string SandboxToken = "partnerbot-sandbox-token";
}
