using Microsoft.Extensions.Options;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>Checks the <c>PartnerCenter</c> section at start-up and names the full key of each problem.</summary>
internal sealed class PartnerCenterOptionsValidator : IValidateOptions<PartnerCenterOptions>
{
    private const string Section = PartnerCenterOptions.SectionName;
    private const string AuthSection = Section + ":Authentication";

    public ValidateOptionsResult Validate(string? name, PartnerCenterOptions options)
    {
        var failures = new List<string>();

        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("https" or "http"))
        {
            failures.Add($"{Section}:BaseAddress is not an absolute http or https URL. " +
                "Set it to the Partner Center API root, for example https://api.partnercenter.microsoft.com.");
        }

        RequirePositive(failures, "AttemptTimeout", options.AttemptTimeout);
        RequirePositive(failures, "TotalTimeout", options.TotalTimeout);
        RequirePositive(failures, "RetryBaseDelay", options.RetryBaseDelay);
        RequirePositive(failures, "MaxRetryDelay", options.MaxRetryDelay);
        RequirePositive(failures, "MaxRetryAfter", options.MaxRetryAfter);
        RequirePositive(failures, "UserIndexTimeToLive", options.UserIndexTimeToLive);

        if (options.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}. Set it to a number from 0 to 10.");
        }

        if (options.UserPageSize is < 1 or > 500)
        {
            failures.Add($"{Section}:UserPageSize is {options.UserPageSize}. Set it to a number from 1 to 500.");
        }

        if (options.UserIndexMaxCustomers < 1)
        {
            failures.Add($"{Section}:UserIndexMaxCustomers is {options.UserIndexMaxCustomers}. Set it to 1 or more.");
        }

        if (options.UserIndexMaxUsersPerCustomer < 1)
        {
            failures.Add($"{Section}:UserIndexMaxUsersPerCustomer is {options.UserIndexMaxUsersPerCustomer}. Set it to 1 or more.");
        }

        ValidateAuthentication(failures, options.Authentication);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAuthentication(List<string> failures, PartnerCenterAuthenticationOptions auth)
    {
        if (auth.Mode == PartnerCenterAuthenticationMode.Sandbox)
        {
            if (string.IsNullOrWhiteSpace(auth.SandboxAccessToken))
            {
                failures.Add($"{AuthSection}:SandboxAccessToken is empty. Remove the key to use the sandbox's default token.");
            }

            return;
        }

        if (!Guid.TryParse(auth.TenantId, out _))
        {
            failures.Add(string.IsNullOrWhiteSpace(auth.TenantId)
                ? $"{AuthSection}:TenantId is missing. Set it to the partner's own Microsoft Entra tenant id (a GUID)."
                : $"{AuthSection}:TenantId is not a GUID. Set it to the partner's own Microsoft Entra tenant id.");
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
            failures.Add($"{AuthSection}:Scope is empty. Remove the key to use https://api.partnercenter.microsoft.com/.default.");
        }
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{key} is {value}. Set it to a positive duration such as 00:00:30.");
        }
    }
}
