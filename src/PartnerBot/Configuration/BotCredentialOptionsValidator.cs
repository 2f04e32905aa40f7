using Microsoft.Extensions.Options;

namespace PartnerBot.Configuration;

/// <summary>
/// Checks the bot credential at start-up. Outside Development every key the chosen app type needs must
/// be present and consistent, because Bot Framework would otherwise accept unauthenticated requests.
/// In Development all keys may be empty, which runs the bot for the local Agents Playground.
/// </summary>
public sealed class BotCredentialOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotCredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialOptions options)
    {
        if (environment.IsDevelopment() && options.IsAnonymous && string.IsNullOrWhiteSpace(options.MicrosoftAppType))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var appType = options.MicrosoftAppType?.Trim();

        if (string.IsNullOrEmpty(appType))
        {
            failures.Add("MicrosoftAppType is missing. Set it to MultiTenant, SingleTenant or UserAssignedMSI, as chosen in the Azure Bot registration.");
        }
        else if (!BotAppTypes.All.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType '{appType}' is invalid. Set it to MultiTenant, SingleTenant or UserAssignedMSI.");
        }

        if (options.IsAnonymous)
        {
            failures.Add("MicrosoftAppId is missing. Set it to the Microsoft App ID of the Azure Bot registration (a GUID).");
        }
        else if (!Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add($"MicrosoftAppId '{options.MicrosoftAppId}' is invalid. Set it to the Microsoft App ID of the Azure Bot registration (a GUID).");
        }

        var hasPassword = !string.IsNullOrWhiteSpace(options.MicrosoftAppPassword);
        var isManagedIdentity = string.Equals(appType, BotAppTypes.UserAssignedManagedIdentity, StringComparison.OrdinalIgnoreCase);

        if (isManagedIdentity && (hasPassword || options.HasCertificate))
        {
            failures.Add("MicrosoftAppPassword and MicrosoftAppCertificate* must be empty when MicrosoftAppType is UserAssignedMSI, because the managed identity is the credential.");
        }
        else if (!isManagedIdentity && !hasPassword && !options.HasCertificate)
        {
            failures.Add("MicrosoftAppPassword is missing. Set it to a client secret of the app registration, or set MicrosoftAppCertificateThumbprint or MicrosoftAppCertificatePath instead.");
        }
        else if (hasPassword && options.HasCertificate)
        {
            failures.Add("MicrosoftAppPassword and a MicrosoftAppCertificate* key are both set. Keep only one credential.");
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificateThumbprint) && !string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath))
        {
            failures.Add("MicrosoftAppCertificateThumbprint and MicrosoftAppCertificatePath are both set. Keep only one.");
        }

        if (!string.IsNullOrWhiteSpace(options.MicrosoftAppCertificatePath) && !File.Exists(options.MicrosoftAppCertificatePath))
        {
            failures.Add($"MicrosoftAppCertificatePath '{options.MicrosoftAppCertificatePath}' does not exist. Set it to the path of the .pfx file with the bot's certificate.");
        }

        var needsTenant = string.Equals(appType, BotAppTypes.SingleTenant, StringComparison.OrdinalIgnoreCase) || isManagedIdentity;
        if (needsTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add($"MicrosoftAppTenantId is missing. Set it to the directory (tenant) ID of the app registration, which {appType} requires.");
        }
        else if (!string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add("MicrosoftAppTenantId is invalid. Set it to the directory (tenant) ID of the app registration (a GUID).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
