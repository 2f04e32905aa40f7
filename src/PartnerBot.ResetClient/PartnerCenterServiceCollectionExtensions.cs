using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.Authentication;
using PartnerBot.ResetClient.PartnerCenter;
using Polly;
using Polly.Timeout;

namespace PartnerBot.ResetClient;

public static class PartnerCenterServiceCollectionExtensions
{
    private const string PipelineName = "partner-center";

    /// <summary>
    /// Registers <see cref="ICustomerDirectory"/> backed by Partner Center, configured from <paramref name="section"/>
    /// (usually <c>configuration.GetSection("PartnerCenter")</c>). The options are validated when the host starts,
    /// and a missing or invalid key stops it with the key's full path in the message.
    /// </summary>
    public static IServiceCollection AddPartnerCenterResetClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<PartnerCenterOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PartnerCenterOptions>, PartnerCenterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UserIndexCache>();

        AddTokenProvider(services);

        services.TryAddTransient<PartnerCenterHeadersHandler>();
        services.TryAddTransient<PartnerCenterAuthorizationHandler>();
        services.TryAddTransient<PartnerCenterLoggingHandler>();

        // Handler order, outermost first: headers once per logical operation, then retries and timeouts, then a
        // fresh token and a log line for every attempt.
        var client = services.AddHttpClient<ICustomerDirectory, PartnerCenterClient>(ConfigureHttpClient);
        client.RemoveAllLoggers();
        client.AddHttpMessageHandler<PartnerCenterHeadersHandler>();
        client.AddResilienceHandler(PipelineName, ConfigureResilience);
        client.AddHttpMessageHandler<PartnerCenterAuthorizationHandler>();
        client.AddHttpMessageHandler<PartnerCenterLoggingHandler>();

        return services;
    }

    private static void AddTokenProvider(IServiceCollection services)
    {
        services.TryAddSingleton<IRefreshTokenExchange, MsalRefreshTokenExchange>();
        services.TryAddSingleton<SecureApplicationModelTokenProvider>();
        services.TryAddSingleton<SandboxTokenProvider>();
        services.TryAddSingleton<IPartnerCenterTokenProvider>(provider =>
        {
            var mode = provider.GetRequiredService<IOptions<PartnerCenterOptions>>().Value.Authentication.Mode;
            return mode == PartnerCenterAuthenticationMode.Sandbox
                ? provider.GetRequiredService<SandboxTokenProvider>()
                : provider.GetRequiredService<SecureApplicationModelTokenProvider>();
        });
        services.AddHostedService<SandboxModeWarning>();
    }

    private static void ConfigureHttpClient(IServiceProvider provider, HttpClient client)
    {
        var options = provider.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;

        // Relative request paths keep a path prefix of the base address only when it ends with a slash.
        var baseAddress = options.BaseAddress.ToString();
        client.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");

        // The resilience pipeline enforces the attempt and total timeouts.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<PartnerCenterOptions>>().Value;
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>()
            .CreateLogger("PartnerBot.ResetClient.PartnerCenter.Retries");

        pipeline.AddTimeout(options.TotalTimeout);

        // Polly accepts no retry strategy with zero attempts, so MaxRetryAttempts = 0 leaves it out.
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(CreateRetryOptions(options, logger));
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static HttpRetryStrategyOptions CreateRetryOptions(PartnerCenterOptions options, ILogger logger) =>
        new()
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                RetryDelay.Compute(options, args.AttemptNumber, args.Outcome.Result)),
            OnRetry = args =>
            {
                var request = PartnerCenterRequestContext.Find(args.Context.GetRequestMessage());
                var outcome = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name ?? "unknown outcome";
                Log.RetryScheduled(
                    logger, request?.Operation ?? "unknown", args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1,
                    outcome, request?.CorrelationId ?? Guid.Empty, request?.RequestId ?? Guid.Empty);
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            },
        };

    // Only responses that mean "try again later" are retried. A 400 on a reset is final, and so is any 4xx but 408 and 429.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            || ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented),
        _ => false,
    };
}

/// <summary>Computes the wait before a retry: the <c>Retry-After</c> value (capped), but at least the exponential back-off.</summary>
internal static class RetryDelay
{
    public static TimeSpan Compute(PartnerCenterOptions options, int attemptNumber, HttpResponseMessage? response)
    {
        var exponent = Math.Min(attemptNumber, 16);
        var backoff = options.RetryBaseDelay * Math.Pow(2, exponent);
        var jitter = backoff * (Random.Shared.NextDouble() * 0.2);
        backoff = Min(backoff + jitter, options.MaxRetryDelay);

        var retryAfter = RetryAfter(response);
        if (retryAfter is null)
        {
            return backoff;
        }

        var capped = Min(retryAfter.Value, options.MaxRetryAfter);
        return capped > backoff ? capped : backoff;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static TimeSpan Min(TimeSpan first, TimeSpan second) => first < second ? first : second;
}

/// <summary>Logs a warning at start-up when the client sends the fixed sandbox token instead of real tokens.</summary>
internal sealed class SandboxModeWarning(IOptions<PartnerCenterOptions> options, ILogger<SandboxModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Authentication.Mode == PartnerCenterAuthenticationMode.Sandbox)
        {
            Log.SandboxAuthenticationEnabled(logger, options.Value.BaseAddress);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
