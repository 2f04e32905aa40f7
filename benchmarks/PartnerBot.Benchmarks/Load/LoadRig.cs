using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Benchmarks.Hosting;
using PartnerBot.Resets;
using PartnerBot.Sandbox.Data;
using PartnerBot.Storage;

namespace PartnerBot.Benchmarks.Load;

/// <summary>
/// Everything a load run needs in one process: the Partner Center sandbox and a connector sink on 127.0.0.1,
/// PartnerBot on Kestrel with a temporary SQLite folder, numbered requesters and approvers on its staff lists,
/// and a flow driver that talks to the bot over HTTP.
/// </summary>
internal sealed class LoadRig : IAsyncDisposable
{
    private static readonly TimeSpan FlowWaitTimeout = TimeSpan.FromSeconds(60);

    private LoadRig(SandboxServer sandbox, ConnectorSink connector, PartnerBotHost bot, HttpClient http, string dataFolder, IReadOnlyList<TeamsUser> requesters, IReadOnlyList<TeamsUser> approvers)
    {
        Sandbox = sandbox;
        Connector = connector;
        Bot = bot;
        Http = http;
        DataFolder = dataFolder;
        Requesters = requesters;
        Approvers = approvers;
        Teams = new TeamsClient(http, bot.MessagesEndpoint, connector.ServiceUrl, PartnerBotHost.PartnerTenantId);
        Driver = new ResetFlowDriver(Teams, connector, FlowWaitTimeout);
    }

    public SandboxServer Sandbox { get; }

    public ConnectorSink Connector { get; }

    public PartnerBotHost Bot { get; }

    public HttpClient Http { get; }

    public string DataFolder { get; }

    public IReadOnlyList<TeamsUser> Requesters { get; }

    public IReadOnlyList<TeamsUser> Approvers { get; }

    public TeamsClient Teams { get; }

    public ResetFlowDriver Driver { get; }

    public ResetRequestStore Requests => Bot.Services.GetRequiredService<ResetRequestStore>();

    /// <summary>
    /// Starts the pieces. <paramref name="sandboxOptions"/>, <paramref name="slowAnswerRate"/> and
    /// <paramref name="slowAnswerDelay"/> go to <see cref="SandboxServer.StartAsync"/>; the sandbox keeps up to
    /// 200,000 requests for inspection unless the options say otherwise.
    /// </summary>
    public static async Task<LoadRig> StartAsync(
        int requesterCount,
        int approverCount,
        IReadOnlyDictionary<string, string?>? sandboxOptions = null,
        double slowAnswerRate = 0,
        TimeSpan slowAnswerDelay = default)
    {
        var options = new Dictionary<string, string?> { ["MaxRecordedRequests"] = "200000", ["MaxRememberedRequestIds"] = "200000" };
        foreach (var (key, value) in sandboxOptions ?? new Dictionary<string, string?>())
        {
            options[key] = value;
        }

        var sandbox = await SandboxServer.StartAsync(options, slowAnswerRate, slowAnswerDelay);
        var connector = await ConnectorSink.StartAsync();
        var dataFolder = Directory.CreateTempSubdirectory("partnerbot-load-").FullName;
        var requesters = TeamsUser.Numbered("Requester", 0x10AD0001, requesterCount);
        var approvers = TeamsUser.Numbered("Approver", 0x10AD0002, approverCount);

        // The worker pass runs rarely, so that a run measures the turns; tests call it themselves when they need it.
        var settings = PartnerBotHost.Settings(sandbox.BaseUrl, dataFolder, requesters.Select(person => person.ObjectId), approvers.Select(person => person.ObjectId), TimeSpan.FromHours(1));
        var bot = PartnerBotHost.Start(settings);
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(90) };
        var rig = new LoadRig(sandbox, connector, bot, http, dataFolder, requesters, approvers);

        // Approval cards reach approvers only in a personal chat the bot has seen, so each approver writes once.
        foreach (var approver in approvers)
        {
            await rig.Teams.SayAsync(approver, "help");
        }

        return rig;
    }

    /// <summary>
    /// Plans <paramref name="count"/> flows, each with its own requester (taken in turn), the next approver, and a
    /// user not planned before. Flows run in the requester's personal chat, or in a new group chat each.
    /// </summary>
    public IReadOnlyList<FlowPlan> PlanFlows(int count, bool inGroupChats, int skipTargets = 0)
    {
        var targets = Sandbox.SmallCustomersWithResettableUser().Skip(skipTargets).Take(count).ToArray();
        if (targets.Length < count)
        {
            throw new InvalidOperationException($"The sandbox has {targets.Length} small customers with a resettable user after skipping {skipTargets}; {count} flows need one each.");
        }

        return Enumerable.Range(0, count)
            .Select(index => new FlowPlan(
                Requesters[index % Requesters.Count],
                Approvers[index % Approvers.Count],
                targets[index].Customer,
                targets[index].User,
                inGroupChats ? TeamsConversation.NewGroupChat() : Requesters[index % Requesters.Count].PersonalChat))
            .ToArray();
    }

    /// <summary>Runs the flows with at most <paramref name="maxConcurrency"/> at a time and returns their results in plan order.</summary>
    public async Task<IReadOnlyList<FlowResult>> RunAsync(IReadOnlyList<FlowPlan> plans, bool approve, int maxConcurrency, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(maxConcurrency);
        var runs = plans.Select(async plan =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await Driver.RunAsync(plan, approve, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(runs);
    }

    /// <summary>
    /// Waits until no request is Approved or Resetting, or until <paramref name="timeout"/> passes, and returns
    /// the number still in those states.
    /// </summary>
    public async Task<int> WaitForResetsToSettleAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var busy = await CountAsync(ResetRequestStatus.Approved) + await CountAsync(ResetRequestStatus.Resetting);
            if (busy == 0 || clock.Elapsed > timeout)
            {
                return busy;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>PATCH calls per (customer, user) as the sandbox recorded them, and the distinct MS-RequestId values among them.</summary>
    public IReadOnlyDictionary<(Guid CustomerId, Guid UserId), (int Calls, int Operations)> ResetCallsByUser()
    {
        return Sandbox.Sandbox.Recorder.Snapshot()
            .Where(request => request.Method == "PATCH")
            .Select(request => (Request: request, Segments: request.Path.Trim('/').Split('/')))
            .Where(entry => entry.Segments is ["v1", "customers", _, "users", _])
            .GroupBy(entry => (Guid.Parse(entry.Segments[2]), Guid.Parse(entry.Segments[4])))
            .ToDictionary(group => group.Key, group => (group.Count(), group.Select(entry => entry.Request.RequestId).Distinct().Count()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataFolder, recursive: true);
    }

    private async Task<int> CountAsync(ResetRequestStatus status) =>
        (await Requests.ListStaleAsync(status, DateTimeOffset.MaxValue, 10_000, CancellationToken.None)).Count;
}
