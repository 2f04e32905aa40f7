using Microsoft.Extensions.Logging;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Client;
using Microsoft.Identity.Web;

namespace PartnerBot.ResetClient.Authentication;

/// <summary>Builds the MSAL client of the partner application that both the Partner Center and the Graph token exchanges use.</summary>
internal static class PartnerApplication
{
    /// <summary>
    /// Loads the first of <paramref name="credentials"/> that works (a client secret or a certificate) and builds a
    /// confidential client for <paramref name="authority"/>. Throws <see cref="TokenAcquisitionException"/> naming
    /// <paramref name="credentialsKey"/> when none of them loads.
    /// </summary>
    public static async Task<IConfidentialClientApplication> BuildAsync(
        string clientId,
        Uri authority,
        IEnumerable<CredentialDescription> credentials,
        string credentialsKey,
        ILoggerFactory loggerFactory)
    {
        var loader = new DefaultCredentialsLoader(loggerFactory.CreateLogger<DefaultCredentialsLoader>());
        var credential = await loader.LoadFirstValidCredentialsAsync(credentials).ConfigureAwait(false);

        var builder = ConfidentialClientApplicationBuilder.Create(clientId).WithAuthority(authority);
        if (credential?.Certificate is { } certificate)
        {
            builder = builder.WithCertificate(certificate, sendX5C: true);
        }
        else if (!string.IsNullOrEmpty(credential?.ClientSecret))
        {
            builder = builder.WithClientSecret(credential.ClientSecret);
        }
        else
        {
            throw new TokenAcquisitionException(
                $"None of {credentialsKey} could be loaded as a client secret or a certificate. " +
                "Check each entry's SourceType and its location (file path, Key Vault or certificate store).");
        }

        return builder.Build();
    }
}
