using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PartnerBot.Configuration;

namespace PartnerBot.Tests.Configuration;

public sealed class BotCredentialValidationTests
{
    private const string AppId = "5f0c2e8a-3b71-4d94-a6e2-9c1b7d3f0a55";
    private const string TenantId = "7d1e2a40-5b8c-4f0e-9a63-2c51d0e4b7aa";

    [Fact]
    public void Development_allows_anonymous_bot()
    {
        var validator = CreateValidator(Environments.Development);

        var result = validator.Validate(null, new BotCredentialOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Production_requires_app_id()
    {
        var validator = CreateValidator(Environments.Production);

        var result = validator.Validate(null, new BotCredentialOptions { MicrosoftAppType = "MultiTenant", MicrosoftAppPassword = "secret" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MicrosoftAppId is missing.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_requires_app_type()
    {
        var validator = CreateValidator(Environments.Production);

        var result = validator.Validate(null, new BotCredentialOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "secret" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MicrosoftAppType is missing.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", null, "MicrosoftAppTenantId is missing.")]
    [InlineData("MultiTenant", null, null, "MicrosoftAppPassword is missing.")]
    [InlineData("UserAssignedMSI", "secret", TenantId, "MicrosoftAppPassword and MicrosoftAppCertificate* must be empty")]
    [InlineData("UserAssignedMSI", null, null, "MicrosoftAppTenantId is missing.")]
    [InlineData("Anonymous", "secret", null, "MicrosoftAppType 'Anonymous' is invalid.")]
    public void Inconsistent_credential_names_key(string appType, string? password, string? tenantId, string expectedStart)
    {
        var validator = CreateValidator(Environments.Production);
        var options = new BotCredentialOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenantId,
        };

        var result = validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expectedStart, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_and_certificate_together_fail()
    {
        var validator = CreateValidator(Environments.Production);
        var options = new BotCredentialOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppPassword = "secret",
            MicrosoftAppCertificateThumbprint = "0123456789ABCDEF0123456789ABCDEF01234567",
        };

        var result = validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MicrosoftAppPassword and a MicrosoftAppCertificate* key are both set.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_tenant_id_fails()
    {
        var validator = CreateValidator(Environments.Production);
        var options = new BotCredentialOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = "contoso.onmicrosoft.com",
            MicrosoftAppPassword = "secret",
        };

        var result = validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MicrosoftAppTenantId is invalid.", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", null, TenantId)]
    [InlineData("SingleTenant", null, "0123456789ABCDEF0123456789ABCDEF01234567", TenantId)]
    [InlineData("MultiTenant", "secret", null, null)]
    [InlineData("UserAssignedMSI", null, null, TenantId)]
    public void Consistent_credential_passes(string appType, string? password, string? thumbprint, string? tenantId)
    {
        var validator = CreateValidator(Environments.Production);
        var options = new BotCredentialOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = password,
            MicrosoftAppCertificateThumbprint = thumbprint,
            MicrosoftAppTenantId = tenantId,
        };

        var result = validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Development_checks_configured_credential()
    {
        var validator = CreateValidator(Environments.Development);

        var result = validator.Validate(null, new BotCredentialOptions { MicrosoftAppType = "SingleTenant", MicrosoftAppId = AppId, MicrosoftAppPassword = "secret" });

        Assert.False(result.Succeeded);
    }

    private static BotCredentialOptionsValidator CreateValidator(string environmentName) =>
        new(new HostingEnvironment { EnvironmentName = environmentName });
}
