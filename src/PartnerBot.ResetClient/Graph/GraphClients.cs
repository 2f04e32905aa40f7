using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace PartnerBot.ResetClient.Graph;

/// <summary>Builds <see cref="GraphServiceClient"/> instances over the configured HTTP client and base address.</summary>
internal static class GraphClients
{
    /// <summary>Name of the HTTP client that carries the Graph handlers.</summary>
    public const string HttpClientName = "PartnerBot.Graph";

    /// <summary>Returns <c>{BaseAddress}v1.0/</c>, the root that every request and every followed next link must be under.</summary>
    public static Uri VersionRoot(GraphOptions options)
    {
        var root = options.BaseAddress.ToString();
        return new Uri((root.EndsWith('/') ? root : root + "/") + "v1.0/");
    }

    /// <summary>
    /// Creates a Graph client that sends through the named HTTP client. Its authentication provider adds nothing,
    /// because <see cref="GraphAuthorizationHandler"/> adds the token for the request's tenant on every attempt.
    /// </summary>
    public static GraphServiceClient Create(IHttpClientFactory httpClientFactory, Uri versionRoot) =>
        new(httpClientFactory.CreateClient(HttpClientName), new AnonymousAuthenticationProvider(), versionRoot.AbsoluteUri.TrimEnd('/'));
}
