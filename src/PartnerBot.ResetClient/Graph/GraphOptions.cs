using Microsoft.Identity.Abstractions;

namespace PartnerBot.ResetClient.Graph;

/// <summary>Settings of the Microsoft Graph backend, bound from the <c>Graph</c> configuration section.</summary>
public sealed record GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>
    /// Root of Microsoft Graph, without the version segment; requests go to <c>{BaseAddress}v1.0/...</c>.
    /// Default https://graph.microsoft.com/.
    /// </summary>
    public Uri BaseAddress { get; init; } = new("https://graph.microsoft.com/");

    /// <summary>Time allowed for one HTTP attempt before it is abandoned. Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for one logical operation, all retries included. Default 2 minutes.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt for throttling, server errors and timeouts. Default 4.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First delay of the exponential back-off; each later retry doubles it. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Maximum back-off delay between two attempts. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum wait that a <c>Retry-After</c> header can impose; a longer value is cut to this. Default 60 seconds.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra PATCH requests that a password reset may send after a failure that left its outcome unknown (a timeout
    /// or a server error), each only after the user's <c>lastPasswordChangeDateTime</c> shows that the earlier one
    /// was not applied. Default 2.
    /// </summary>
    public int MaxResetResends { get; init; } = 2;

    /// <summary>Completed and pending resets remembered by request id, so that a resent request id is not applied twice. Default 10,000.</summary>
    public int MaxRememberedResets { get; init; } = 10_000;

    public GraphAuthenticationOptions Authentication { get; init; } = new();

    public GraphStaffGroupOptions StaffGroups { get; init; } = new();
}

public enum GraphAuthenticationMode
{
    /// <summary>
    /// Delegated tokens from the partner's Secure Application Model refresh token, one per tenant: the partner's own
    /// tenant for delegated admin customers and staff groups, and each customer's tenant for its users (GDAP).
    /// </summary>
    SecureApplicationModel,

    /// <summary>
    /// A fixed, non-secret bearer token that only the PartnerBot sandbox accepts. The host must reject this mode
    /// outside the Development environment.
    /// </summary>
    Sandbox,
}

/// <summary>Settings under <c>Graph:Authentication</c>.</summary>
/// <remarks>
/// The partner application, its credential and the refresh token are usually the same as under
/// <c>PartnerCenter:Authentication</c>: one Secure Application Model consent yields a refresh token that MSAL can
/// exchange for Graph tokens in the partner's tenant and in every customer tenant where GDAP grants the partner a role.
/// </remarks>
public sealed record GraphAuthenticationOptions
{
    public GraphAuthenticationMode Mode { get; init; } = GraphAuthenticationMode.SecureApplicationModel;

    /// <summary>Microsoft Entra instance. Default https://login.microsoftonline.com/.</summary>
    public Uri Instance { get; init; } = new("https://login.microsoftonline.com/");

    /// <summary>
    /// The partner's own tenant id (a GUID), where the partner application is registered and the staff groups live.
    /// Required in SecureApplicationModel mode; in Sandbox mode it defaults to <see cref="SandboxPartnerTenantId"/>.
    /// </summary>
    public string? TenantId { get; init; }

    /// <summary>Application (client) id of the partner application.</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Credentials of the partner application in the Microsoft.Identity.Web format, for example
    /// <c>{ "SourceType": "ClientSecret", "ClientSecret": "..." }</c>. The first one that loads is used.
    /// </summary>
    public CredentialDescription[] ClientCredentials { get; init; } = [];

    /// <summary>Refresh token from the Secure Application Model consent of a partner administrator.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Scope requested in every tenant. Default https://graph.microsoft.com/.default.</summary>
    public string Scope { get; init; } = "https://graph.microsoft.com/.default";

    /// <summary>A tenant's access token is renewed when it expires within this margin. Default 5 minutes.</summary>
    public TimeSpan TokenRenewalMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The token sent in <see cref="GraphAuthenticationMode.Sandbox"/> mode. The client appends <c>.{tenant id}</c>
    /// so that the sandbox can tell which tenant a request is for, as a real token would.
    /// </summary>
    public string SandboxAccessToken { get; init; } = SandboxToken;

    /// <summary>The token that the PartnerBot sandbox accepts by default. It is not a secret.</summary>
    public const string SandboxToken = "partnerbot-sandbox-token";

    /// <summary>The partner tenant id that the PartnerBot sandbox uses by default.</summary>
    public const string SandboxPartnerTenantId = "5b7c3e2a-9d14-4f60-8a31-c2e9f0d4b718";

    /// <summary>Returns the partner's tenant id, falling back to the sandbox's in Sandbox mode.</summary>
    public string PartnerTenantId
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(TenantId))
            {
                return TenantId;
            }

            return Mode == GraphAuthenticationMode.Sandbox ? SandboxPartnerTenantId : string.Empty;
        }
    }
}

/// <summary>
/// Settings under <c>Graph:StaffGroups</c>: the Microsoft Entra groups in the partner's tenant whose members may use
/// the bot, and how long a membership result is reused.
/// </summary>
public sealed record GraphStaffGroupOptions
{
    /// <summary>Object id of the group whose members may request resets; null when the bot uses another source.</summary>
    public Guid? RequestersGroupId { get; init; }

    /// <summary>Object id of the group whose members may approve resets.</summary>
    public Guid? ApproversGroupId { get; init; }

    /// <summary>Object id of the group whose members may also approve resets of users with administrator roles; optional.</summary>
    public Guid? PrivilegedApproversGroupId { get; init; }

    /// <summary>
    /// How long a membership result is reused. A member removed from a group keeps the group's rights in the bot
    /// for at most this long. Default 5 minutes.
    /// </summary>
    public TimeSpan MembershipCacheTimeToLive { get; init; } = TimeSpan.FromMinutes(5);
}
