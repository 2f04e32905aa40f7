using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace PartnerBot.ResetClient.Graph;

/// <summary>
/// Adds <c>client-request-id</c> (Graph's tracing header) with the correlation id, once per logical operation, so
/// that every attempt of one operation and every operation of one reset request can be found together in Graph's logs.
/// </summary>
internal sealed class GraphHeadersHandler : DelegatingHandler
{
    public const string ClientRequestIdHeader = "client-request-id";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = GraphRequestContext.Find(request)
            ?? throw new InvalidOperationException("A Graph request was sent without its request context.");

        request.Headers.Remove(ClientRequestIdHeader);
        request.Headers.Add(ClientRequestIdHeader, context.CorrelationId.ToString());
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Adds the bearer token for the request's tenant on every attempt, so a retry after a long wait gets a renewed token.</summary>
internal sealed class GraphAuthorizationHandler(IGraphTokenProvider tokenProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = GraphRequestContext.Find(request)!;
        var token = await tokenProvider.GetAccessTokenAsync(context.TenantId, context.CorrelationId, cancellationToken)
            .ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Logs each HTTP attempt by its path template, never its URL (the query contains search prefixes), headers or body.</summary>
internal sealed class GraphLoggingHandler(ILogger<GraphLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = GraphRequestContext.Find(request)!;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Log.GraphAttemptCompleted(
                logger, context.Operation, request.Method.Method, context.PathTemplate, (int)response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TenantId, context.CorrelationId);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Log.GraphAttemptFailed(
                logger, context.Operation, request.Method.Method, context.PathTemplate, exception.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TenantId, context.CorrelationId);
            throw;
        }
    }
}
