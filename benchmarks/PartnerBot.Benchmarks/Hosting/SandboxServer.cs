using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Benchmarks.Hosting;

/// <summary>
/// The Partner Center sandbox alone on a free port of 127.0.0.1, configured from <see cref="SandboxOptions"/> keys,
/// with an optional share of slow answers on top of the sandbox's own random 429, 500 and 503 faults.
/// </summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Random slowAnswerRandom;
    private readonly Lock randomGate = new();
    private readonly double slowAnswerRate;
    private readonly TimeSpan slowAnswerDelay;
    private int slowAnswers;

    private SandboxServer(WebApplication app, double slowAnswerRate, TimeSpan slowAnswerDelay, int seed)
    {
        this.app = app;
        this.slowAnswerRate = slowAnswerRate;
        this.slowAnswerDelay = slowAnswerDelay;
        slowAnswerRandom = new Random(seed);
    }

    public PartnerCenterSandbox Sandbox => app.Services.GetRequiredService<PartnerCenterSandbox>();

    /// <summary>The address to use as PartnerCenter:BaseAddress, ending in '/'.</summary>
    public string BaseUrl => app.Urls.First().TrimEnd('/') + "/";

    /// <summary>Partner Center calls that were delayed by <see cref="StartAsync"/>'s slow-answer rate.</summary>
    public int SlowAnswers => Volatile.Read(ref slowAnswers);

    /// <summary>
    /// Starts the sandbox with <paramref name="options"/> (keys of <see cref="SandboxOptions"/> such as
    /// "RandomFaultRate") and delays a share <paramref name="slowAnswerRate"/> of Partner Center calls by
    /// <paramref name="slowAnswerDelay"/> before they are handled, chosen by a generator seeded with <paramref name="seed"/>.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(
        IReadOnlyDictionary<string, string?>? options = null,
        double slowAnswerRate = 0,
        TimeSpan slowAnswerDelay = default,
        int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var section = new ConfigurationBuilder().AddInMemoryCollection(options ?? new Dictionary<string, string?>()).Build();
        builder.Services.AddPartnerCenterSandbox(section);
        var app = builder.Build();
        var server = new SandboxServer(app, slowAnswerRate, slowAnswerDelay, seed);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1") && server.NextIsSlow())
            {
                Interlocked.Increment(ref server.slowAnswers);
                await Task.Delay(server.slowAnswerDelay, context.RequestAborted);
            }

            await next(context);
        });
        app.MapPartnerCenterSandbox();
        await app.StartAsync();
        return server;
    }

    /// <summary>PATCH calls (password resets) the sandbox received for one user, retries with the same MS-RequestId included.</summary>
    public int ResetCalls(Guid customerId, Guid userId) =>
        ResetCallsOf(customerId, userId).Count;

    /// <summary>Distinct MS-RequestId values of the PATCH calls for one user: each is one reset PartnerBot meant to apply.</summary>
    public int ResetOperations(Guid customerId, Guid userId) =>
        ResetCallsOf(customerId, userId).Select(request => request.RequestId).Distinct().Count();

    /// <summary>Customers with a relationship, at most one page of users, and a user PartnerBot may reset.</summary>
    public IEnumerable<(SandboxCustomer Customer, SandboxUser User)> SmallCustomersWithResettableUser()
    {
        var directory = Sandbox.Directory;
        foreach (var customer in directory.Customers.Where(customer => customer.HasRelationship && customer.UserCount is > 0 and <= 200))
        {
            var user = Enumerable.Range(0, customer.UserCount)
                .Select(index => directory.GetUser(customer, index))
                .FirstOrDefault(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is null);
            if (user is not null)
            {
                yield return (customer, user);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private List<PartnerBot.Sandbox.RecordedRequest> ResetCallsOf(Guid customerId, Guid userId) =>
        Sandbox.Recorder.Snapshot()
            .Where(request => request.Method == "PATCH" && request.Path.EndsWith($"/customers/{customerId}/users/{userId}", StringComparison.OrdinalIgnoreCase))
            .ToList();

    private bool NextIsSlow()
    {
        if (slowAnswerRate <= 0)
        {
            return false;
        }

        lock (randomGate)
        {
            return slowAnswerRandom.NextDouble() < slowAnswerRate;
        }
    }
}
