using Microsoft.Kiota.Abstractions;

namespace PartnerBot.ResetClient.Graph;

/// <summary>
/// Facts about one logical Graph operation. The Graph SDK copies request options onto the
/// <see cref="HttpRequestMessage"/> it sends, so the handlers read the tenant for the token, the ids for the headers
/// and the path template for the log from here instead of parsing URLs.
/// </summary>
internal sealed record GraphRequestContext(
    string Operation,
    string PathTemplate,
    string TenantId,
    Guid CorrelationId,
    Guid RequestId) : IRequestOption
{
    // Kiota's HttpClientRequestAdapter stores each request option under its type's full name.
    private static readonly HttpRequestOptionsKey<IRequestOption> Key = new(typeof(GraphRequestContext).FullName!);

    public static GraphRequestContext? Find(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var option) ? option as GraphRequestContext : null;
}
