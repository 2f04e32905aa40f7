using PartnerBot.Benchmarks.Hosting;
using PartnerBot.Benchmarks.Load;
using PartnerBot.Scaling.Tests;
using Xunit.Abstractions;

namespace PartnerBot.Reliability.Tests;

/// <summary>
/// The built bot as a process on SQLite, killed with SIGKILL while reset flows run against it, and started again on
/// the same data folder. Requests that were waiting for approval are approved on the new process; flows that the
/// kill cut off are cancelled and run again.
/// </summary>
public sealed class KillRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Flows = 16;
    private const int FlowsBeforeKill = 6;

    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly IReadOnlyList<TeamsUser> requesters = TeamsUser.Numbered("Requester", 0x0C11_0001, Flows);
    private readonly IReadOnlyList<TeamsUser> approvers = TeamsUser.Numbered("Approver", 0x0C11_0002, 2);
    private readonly List<BotProcess> bots = [];
    private SandboxServer sandbox = null!;
    private ConnectorSink connector = null!;
    private string dataFolder = null!;

    public async Task InitializeAsync()
    {
        sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["MaxRecordedRequests"] = "50000" });
        connector = await ConnectorSink.StartAsync();
        dataFolder = Directory.CreateTempSubdirectory("partnerbot-kill-").FullName;
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in bots)
        {
            output.WriteLine($"===== {bot.Name} =====");
            output.WriteLine(bot.Output);
            await bot.DisposeAsync();
        }

        await connector.DisposeAsync();
        await sandbox.DisposeAsync();
        client.Dispose();
        Directory.Delete(dataFolder, recursive: true);
    }

    [Fact]
    public async Task Sigkill_mid_load_pending_requests_complete()
    {
        var plans = PlanFlows();
        var first = await StartBotAsync("bot killed mid-load");
        var firstDriver = await DriverForAsync(first);

        // Flows run four at a time; the bot dies once a few have reached approval and others are half way.
        var finished = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new SemaphoreSlim(4);
        var runs = plans.Select(async plan =>
        {
            await gate.WaitAsync();
            try
            {
                if (killed.Task.IsCompleted)
                {
                    return new FlowResult(plan, null, FlowOutcome.Error, "not started before the kill", new Dictionary<FlowStep, TimeSpan>(), 0);
                }

                var result = await firstDriver.RunAsync(plan, approve: false, CancellationToken.None);
                if (Interlocked.Increment(ref finished) == FlowsBeforeKill)
                {
                    await first.KillAsync();
                    killed.TrySetResult();
                }

                return result;
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        var beforeKill = await Task.WhenAll(runs);

        var second = await StartBotAsync("bot after restart");
        var secondDriver = await DriverForAsync(second);
        var secondTeams = TeamsFor(second);
        var afterRestart = new List<FlowResult>();
        foreach (var result in beforeKill)
        {
            if (result.Outcome == FlowOutcome.AwaitingApproval)
            {
                await secondTeams.ClickAsync(result.Plan.Approver, "approval.approve", new() { ["requestId"] = result.RequestId.ToString() }, result.Plan.Approver.PersonalChat);
                var password = await connector.WaitForAsync(result.Plan.Requester.PersonalChat.Id, ResetFlowDriver.IsPasswordMessage, TimeSpan.FromSeconds(30));
                afterRestart.Add(result with { Outcome = FlowOutcome.PasswordDelivered, Detail = "approved after restart" });
            }
            else
            {
                // The requester ends whatever the kill left open and starts again, as a person would.
                await secondTeams.SayAsync(result.Plan.Requester, "cancel", result.Plan.Conversation);
                secondDriver.Release(result.Plan);
                afterRestart.Add(await secondDriver.RunAsync(result.Plan, approve: true, CancellationToken.None));
            }
        }

        output.WriteLine($"before the kill: {string.Join(", ", beforeKill.GroupBy(result => result.Outcome).Select(group => $"{group.Key} {group.Count()}"))}");
        Assert.True(beforeKill.Count(result => result.Outcome == FlowOutcome.AwaitingApproval) >= FlowsBeforeKill, "Some requests should have been waiting for approval at the kill.");
        Assert.Contains(beforeKill, result => result.Outcome == FlowOutcome.Error);
        Assert.All(afterRestart, result => Assert.True(result.Outcome == FlowOutcome.PasswordDelivered, $"{result.Plan.Requester.Name}: {result.Outcome}, {result.Detail}"));
        Assert.All(plans, plan => Assert.Equal(1, sandbox.Sandbox.ResetCount(plan.Customer.Id, plan.Target.Id)));
        Assert.All(plans, plan => Assert.Single(connector.SentTo(plan.Requester.PersonalChat.Id), ResetFlowDriver.IsPasswordMessage));
    }

    private IReadOnlyList<FlowPlan> PlanFlows()
    {
        var targets = sandbox.SmallCustomersWithResettableUser().Take(Flows).ToArray();
        return Enumerable.Range(0, Flows)
            .Select(index => new FlowPlan(requesters[index], approvers[index % approvers.Count], targets[index].Customer, targets[index].User, requesters[index].PersonalChat))
            .ToArray();
    }

    private async Task<BotProcess> StartBotAsync(string name)
    {
        var settings = PartnerBotHost.Settings(sandbox.BaseUrl, dataFolder, requesters.Select(person => person.ObjectId), approvers.Select(person => person.ObjectId), TimeSpan.FromSeconds(1));
        settings["Storage:DataFolder"] = dataFolder;
        var bot = await BotProcess.StartAsync(name, settings.ToDictionary(pair => pair.Key, pair => pair.Value!), client);
        bots.Add(bot);
        return bot;
    }

    private TeamsClient TeamsFor(BotProcess bot) => new(client, bot.MessagesEndpoint, connector.ServiceUrl, PartnerBotHost.PartnerTenantId);

    /// <summary>Returns a flow driver for <paramref name="bot"/>, after each approver has written to it once, so that it has stored their personal chats.</summary>
    private async Task<ResetFlowDriver> DriverForAsync(BotProcess bot)
    {
        var teams = TeamsFor(bot);
        foreach (var approver in approvers)
        {
            await teams.SayAsync(approver, "help");
        }

        return new ResetFlowDriver(teams, connector, TimeSpan.FromSeconds(30));
    }
}
