using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Benchmarks.Hosting;

/// <summary>
/// PartnerBot's own Program in this process, in Development, listening with Kestrel on a free port of 127.0.0.1.
/// Logging keeps only warnings and errors, counted and the last few kept, so that a load run measures the bot and
/// not a log sink.
/// </summary>
internal sealed class PartnerBotHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string PartnerTenantId = "7d1e2a40-5b8c-4f0e-9a63-2c51d0e4b7aa";

    public LogCounter Logs { get; } = new();

    /// <summary>The address of /api/messages on Kestrel.</summary>
    public Uri MessagesEndpoint { get; private set; } = null!;

    /// <summary>Starts the host with <paramref name="settings"/> over the defaults and returns once it listens.</summary>
    public static PartnerBotHost Start(IReadOnlyDictionary<string, string?> settings)
    {
        // The bot reads its settings files from its base directory, so any existing folder will do as content root.
        // Without this, WebApplicationFactory looks for a folder named after the assembly beside the solution file
        // when the program runs outside a test runner, and fails.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PARTNERBOT", AppContext.BaseDirectory);
        var host = new PartnerBotHost(settings);
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.MessagesEndpoint = new Uri(address.TrimEnd('/') + "/api/messages");
        return host;
    }

    /// <summary>
    /// Returns the settings that point PartnerBot at a sandbox and a connector sink, with short retry delays, a
    /// worker pass every <paramref name="workerInterval"/>, and the staff lists given.
    /// </summary>
    public static Dictionary<string, string?> Settings(
        string sandboxBaseUrl,
        string dataFolder,
        IEnumerable<Guid> helpdeskStaff,
        IEnumerable<Guid> approvers,
        TimeSpan workerInterval)
    {
        var settings = new Dictionary<string, string?>
        {
            ["PartnerBot:PartnerTenantId"] = PartnerTenantId,
            ["PartnerBot:WorkerInterval"] = workerInterval.ToString("c"),
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = dataFolder,
            ["PartnerCenter:BaseAddress"] = sandboxBaseUrl,
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["PartnerCenter:AttemptTimeout"] = "00:00:05",
            ["PartnerCenter:TotalTimeout"] = "00:00:20",
            ["PartnerCenter:MaxRetryAttempts"] = "2",
            ["PartnerCenter:RetryBaseDelay"] = "00:00:00.020",
            ["PartnerCenter:MaxRetryDelay"] = "00:00:00.100",
            ["PartnerCenter:MaxRetryAfter"] = "00:00:00.200",
        };

        var index = 0;
        foreach (var staff in helpdeskStaff)
        {
            settings[$"PartnerBot:HelpdeskStaff:{index++}"] = staff.ToString();
        }

        index = 0;
        foreach (var approver in approvers)
        {
            settings[$"PartnerBot:Approvers:{index++}"] = approver.ToString();
        }

        return settings;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddProvider(Logs);
        });
    }
}

/// <summary>Counts warnings and errors per level and keeps the last 20 messages for a run's report.</summary>
internal sealed class LogCounter : ILoggerProvider, ILogger
{
    private const int MaxKept = 20;

    private readonly ConcurrentQueue<string> latest = new();
    private int warnings;
    private int errors;

    public int Warnings => Volatile.Read(ref warnings);

    public int Errors => Volatile.Read(ref errors);

    public IReadOnlyList<string> Latest => [.. latest];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        Interlocked.Increment(ref logLevel >= LogLevel.Error ? ref errors : ref warnings);
        latest.Enqueue($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " (" + exception.GetType().Name + ": " + exception.Message + ")")}");
        while (latest.Count > MaxKept && latest.TryDequeue(out _))
        {
        }
    }

    public void Dispose()
    {
    }
}
