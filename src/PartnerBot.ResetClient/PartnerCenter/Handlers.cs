using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using PartnerBot.ResetClient.Authentication;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>
/// Adds the Partner Center request headers. It sits outside the retry handler, so every retry of one logical
/// operation carries the same <c>MS-RequestId</c>, which is how Partner Center recognises a repeated operation.
/// </summary>
internal sealed class PartnerCenterHeadersHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PartnerCenterRequestContext.Find(request)
            ?? throw new InvalidOperationException("A Partner Center request was sent without its request context.");

        request.Headers.Remove("MS-RequestId");
        request.Headers.Remove("MS-CorrelationId");
        request.Headers.Remove("MS-Contract-Version");
        request.Headers.Add("MS-RequestId", context.RequestId.ToString());
        request.Headers.Add("MS-CorrelationId", context.CorrelationId.ToString());
        request.Headers.Add("MS-Contract-Version", "v1");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Adds the bearer token on every attempt, so a retry after a long wait gets a renewed token.</summary>
internal sealed class PartnerCenterAuthorizationHandler(IPartnerCenterTokenProvider tokenProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var correlationId = PartnerCenterRequestContext.Find(request)?.CorrelationId ?? Guid.Empty;
        var token = await tokenProvider.GetAccessTokenAsync(correlationId, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Logs each HTTP attempt by its path template, never its URL, headers or body.</summary>
internal sealed class PartnerCenterLoggingHandler(ILogger<PartnerCenterLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PartnerCenterRequestContext.Find(request)!;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Log.AttemptCompleted(
                logger, context.Operation, request.Method.Method, context.PathTemplate, (int)response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.CorrelationId, context.RequestId);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.AttemptFailed(
                logger, context.Operation, request.Method.Method, context.PathTemplate, exception.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.CorrelationId, context.RequestId);
            throw;
        }
    }
}
