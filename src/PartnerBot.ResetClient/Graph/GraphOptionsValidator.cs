using Microsoft.Extensions.Options;

namespace PartnerBot.ResetClient.Graph;

/// <summary>Checks the <c>Graph</c> section at start-up and names the full key of each problem.</summary>
internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    private const string Section = GraphOptions.SectionName;
    private const string AuthSection = Section + ":Authentication";
    private const string StaffSection = Section + ":StaffGroups";

    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Section}:BaseAddress is not an absolute http or https URL. " +
                "Set it to the Microsoft Graph root without the version, for example https://graph.microsoft.com/.");
        }

        RequirePositive(failures, Section + ":AttemptTimeout", options.AttemptTimeout);
        RequirePositive(failures, Section + ":TotalTimeout", options.TotalTimeout);
        RequirePositive(failures, Section + ":RetryBaseDelay", options.RetryBaseDelay);
        RequirePositive(failures, Section + ":MaxRetryDelay", options.MaxRetryDelay);
        RequirePositive(failures, Section + ":MaxRetryAfter", options.MaxRetryAfter);
        RequirePositive(failures, StaffSection + ":MembershipCacheTimeToLive", options.StaffGroups.MembershipCacheTimeToLive);

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}. Set it to a number from 0 to 10.");
        }

        if (options.MaxResetResends is < 0 or > 5)
        {
            failures.Add($"{Section}:MaxResetResends is {options.MaxResetResends}. Set it to a number from 0 to 5.");
        }

        if (options.MaxRememberedResets < 1)
        {
            failures.Add($"{Section}:MaxRememberedResets is {options.MaxRememberedResets}. Set it to 1 or more.");
        }

        ValidateAuthentication(failures, options.Authentication);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAuthentication(List<string> failures, GraphAuthenticationOptions auth)
    {
        if (!string.IsNullOrWhiteSpace(auth.TenantId) && !Guid.TryParse(auth.TenantId, out _))
        {
            failures.Add($"{AuthSection}:TenantId is not a GUID. Set it to the partner's own Microsoft Entra tenant id.");
        }

        if (auth.Mode == GraphAuthenticationMode.Sandbox)
        {
            if (string.IsNullOrWhiteSpace(auth.SandboxAccessToken))
            {
                failures.Add($"{AuthSection}:SandboxAccessToken is empty. Remove the key to use the sandbox's default token.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(auth.TenantId))
        {
            failures.Add($"{AuthSection}:TenantId is missing. Set it to the partner's own Microsoft Entra tenant id (a GUID).");
        }

        if (string.IsNullOrWhiteSpace(auth.ClientId))
        {
            failures.Add($"{AuthSection}:ClientId is missing. Set it to the application (client) id of the partner application.");
        }

        if (auth.ClientCredentials.Length == 0)
        {
            failures.Add($"{AuthSection}:ClientCredentials is missing. Add at least one credential of the partner " +
                "application, for example SourceType ClientSecret with ClientSecret, or SourceType KeyVault with " +
                "KeyVaultUrl and KeyVaultCertificateName.");
        }

        if (string.IsNullOrWhiteSpace(auth.RefreshToken))
        {
            failures.Add($"{AuthSection}:RefreshToken is missing. Set it to the refresh token from the Secure " +
                "Application Model consent, through a secret store such as Azure Key Vault or user secrets. " +
                $"For local tests against the sandbox set {AuthSection}:Mode to Sandbox instead.");
        }

        if (!auth.Instance.IsAbsoluteUri)
        {
            failures.Add($"{AuthSection}:Instance is not an absolute URL. Remove the key to use https://login.microsoftonline.com/.");
        }

        if (string.IsNullOrWhiteSpace(auth.Scope))
        {
            failures.Add($"{AuthSection}:Scope is empty. Remove the key to use https://graph.microsoft.com/.default.");
        }

        RequirePositive(failures, AuthSection + ":TokenRenewalMargin", auth.TokenRenewalMargin);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} is {value}. Set it to a positive duration such as 00:00:30.");
        }
    }
}
