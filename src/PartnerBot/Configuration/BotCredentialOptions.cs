namespace PartnerBot.Configuration;

/// <summary>
/// Credentials of the Azure Bot registration. The keys sit at the top level of the configuration,
/// where Bot Framework's ConfigurationBotFrameworkAuthentication reads them too.
/// </summary>
public sealed record BotCredentialOptions
{
    /// <summary>MultiTenant, SingleTenant or UserAssignedMSI. Empty means MultiTenant to Bot Framework.</summary>
    public string? MicrosoftAppType { get; init; }

    /// <summary>Microsoft App ID of the Azure Bot registration. Empty runs the bot unauthenticated (Development only).</summary>
    public string? MicrosoftAppId { get; init; }

    /// <summary>Client secret of the app registration.</summary>
    public string? MicrosoftAppPassword { get; init; }

    /// <summary>Thumbprint of a certificate in the CurrentUser or LocalMachine "My" store, used instead of a secret.</summary>
    public string? MicrosoftAppCertificateThumbprint { get; init; }

    /// <summary>Path of a PKCS#12 (.pfx) file with the certificate and its private key, used instead of a secret.</summary>
    public string? MicrosoftAppCertificatePath { get; init; }

    /// <summary>Password of the .pfx file named by MicrosoftAppCertificatePath, if it has one.</summary>
    public string? MicrosoftAppCertificatePassword { get; init; }

    /// <summary>Directory (tenant) ID of the app registration. Required for SingleTenant and UserAssignedMSI.</summary>
    public string? MicrosoftAppTenantId { get; init; }

    public bool HasCertificate =>
        !string.IsNullOrWhiteSpace(MicrosoftAppCertificateThumbprint) || !string.IsNullOrWhiteSpace(MicrosoftAppCertificatePath);

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

/// <summary>App types that Bot Framework 4.23.1 accepts in MicrosoftAppType.</summary>
public static class BotAppTypes
{
    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";
    public const string UserAssignedManagedIdentity = "UserAssignedMSI";

    public static readonly IReadOnlyList<string> All = [MultiTenant, SingleTenant, UserAssignedManagedIdentity];
}
