namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>
/// Facts about one logical Partner Center operation, attached to its <see cref="HttpRequestMessage"/> so that
/// the handlers can set headers and log without parsing URLs. Retries send the same message and so the same ids.
/// </summary>
internal sealed record PartnerCenterRequestContext(
    string Operation,
    string PathTemplate,
    Guid CorrelationId,
    Guid RequestId)
{
    public static readonly HttpRequestOptionsKey<PartnerCenterRequestContext> Key = new("PartnerBot.PartnerCenter.Request");

    public static PartnerCenterRequestContext? Find(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var context) ? context : null;
}
