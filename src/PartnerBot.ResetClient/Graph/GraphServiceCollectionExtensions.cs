using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using PartnerBot.ResetClient.Graph;
using Polly;
using Polly.Timeout;

namespace PartnerBot.ResetClient;

public static class GraphServiceCollectionExtensions
{
    private const string PipelineName = "graph";

    /// <summary>
    /// Registers the Microsoft Graph backend configured from <paramref name="section"/> (usually
    /// <c>configuration.GetSection("Graph")</c>): <see cref="GraphCustomerDirectory"/> as a concrete type, and
    /// <see cref="IStaffDirectory"/>. It does not register <see cref="ICustomerDirectory"/>, so that it can sit
    /// beside the Partner Center client; map the interface with <see cref="UseGraphAsCustomerDirectory"/>.
    /// The options are validated when the host starts, and a bad key stops it with the key's full path.
    /// </summary>
    public static IServiceCollection AddGraphResetClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<GraphOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GraphResetLedger>();
        services.TryAddTransient<GraphCustomerDirectory>();
        services.TryAddSingleton<GraphStaffGroups>();
        services.TryAddSingleton<IStaffDirectory>(provider => provider.GetRequiredService<GraphStaffGroups>());

        AddTokenProvider(services);

        services.TryAddTransient<GraphHeadersHandler>();
        services.TryAddTransient<GraphAuthorizationHandler>();
        services.TryAddTransient<GraphLoggingHandler>();

        // Handler order, outermost first: Graph's "$" query names restored and the client-request-id header set once
        // per logical operation, then retries and timeouts, then a fresh token and a log line for every attempt.
        var client = services.AddHttpClient(GraphClients.HttpClientName, ConfigureHttpClient);
        client.RemoveAllLoggers();
        client.AddHttpMessageHandler(() => new ParametersNameDecodingHandler());
        client.AddHttpMessageHandler<GraphHeadersHandler>();
        client.AddResilienceHandler(PipelineName, ConfigureResilience);
        client.AddHttpMessageHandler<GraphAuthorizationHandler>();
        client.AddHttpMessageHandler<GraphLoggingHandler>();

        return services;
    }

    /// <summary>Maps <see cref="ICustomerDirectory"/> to the Graph backend; call after <see cref="AddGraphResetClient"/>.</summary>
    public static IServiceCollection UseGraphAsCustomerDirectory(this IServiceCollection services)
    {
        services.RemoveAll<ICustomerDirectory>();
        services.AddTransient<ICustomerDirectory>(provider => provider.GetRequiredService<GraphCustomerDirectory>());
        return services;
    }

    private static void AddTokenProvider(IServiceCollection services)
    {
        services.TryAddSingleton<IGraphTokenExchange, MsalGraphTokenExchange>();
        services.TryAddSingleton<GraphTokenCache>();
        services.TryAddSingleton<GraphSandboxTokenProvider>();
        services.TryAddSingleton<IGraphTokenProvider>(provider =>
        {
            var mode = provider.GetRequiredService<IOptions<GraphOptions>>().Value.Authentication.Mode;
            return mode == GraphAuthenticationMode.Sandbox
                ? provider.GetRequiredService<GraphSandboxTokenProvider>()
                : provider.GetRequiredService<GraphTokenCache>();
        });
        services.AddHostedService<GraphSandboxModeWarning>();
    }

    private static void ConfigureHttpClient(IServiceProvider provider, HttpClient client)
    {
        // The resilience pipeline enforces the attempt and total timeouts.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<GraphOptions>>().Value;
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerBot.ResetClient.Graph.Retries");

        pipeline.AddTimeout(options.TotalTimeout);

        // Polly accepts no retry strategy with zero attempts, so MaxRetryAttempts = 0 leaves it out.
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(CreateRetryOptions(options, logger));
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static HttpRetryStrategyOptions CreateRetryOptions(GraphOptions options, ILogger logger) =>
        new()
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, GraphRequestContext.Find(args.Context.GetRequestMessage()))),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                GraphRetryDelay.Compute(options, args.AttemptNumber, args.Outcome.Result)),
            OnRetry = args =>
            {
                var request = GraphRequestContext.Find(args.Context.GetRequestMessage());
                var outcome = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name ?? "unknown outcome";
                Log.GraphRetryScheduled(
                    logger, request?.Operation ?? "unknown", args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1,
                    outcome, request?.TenantId ?? "", request?.CorrelationId ?? Guid.Empty);
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        };

    // Reads are retried on throttling, server errors, timeouts and transport errors. A reset PATCH is retried here
    // only when Graph surely did not apply it: throttled, or no connection made. After any other failure the reset
    // checks the user's last password change before it sends the PATCH again (see GraphCustomerDirectory).
    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, GraphRequestContext? request)
    {
        if (request?.Operation == GraphFailures.ResetOperation)
        {
            return outcome switch
            {
                { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } } => true,
                { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
                _ => false,
            };
        }

        return outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } => true,
            { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                || ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented),
            _ => false,
        };
    }
}

/// <summary>Computes the wait before a retry: the <c>Retry-After</c> value (capped), but at least the exponential back-off.</summary>
internal static class GraphRetryDelay
{
    public static TimeSpan Compute(GraphOptions options, int attemptNumber, HttpResponseMessage? response)
    {
        var exponent = Math.Min(attemptNumber, 16);
        var backoff = options.RetryBaseDelay * Math.Pow(2, exponent);
        var jitter = backoff * (Random.Shared.NextDouble() * 0.2);
        backoff = Min(backoff + jitter, options.MaxRetryDelay);

        var header = response?.Headers.RetryAfter;
        TimeSpan? retryAfter = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (retryAfter is not { } wait)
        {
            return backoff;
        }

        var capped = Min(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, options.MaxRetryAfter);
        return capped > backoff ? capped : backoff;
    }

    private static TimeSpan Min(TimeSpan first, TimeSpan second) => first < second ? first : second;
}

/// <summary>Logs a warning at start-up when the Graph backend sends the fixed sandbox token instead of real tokens.</summary>
internal sealed class GraphSandboxModeWarning(IOptions<GraphOptions> options, ILogger<GraphSandboxModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Authentication.Mode == GraphAuthenticationMode.Sandbox)
        {
            Log.GraphSandboxAuthenticationEnabled(logger, options.Value.BaseAddress);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
