using PartnerBot.Sandbox.Faults;
using Xunit.Abstractions;
using static PartnerBot.Scaling.Tests.People;

namespace PartnerBot.Scaling.Tests;

/// <summary>One bot process on SQLite stops with SIGTERM, as in a rolling deployment, and a new process starts on the same data folder.</summary>
public sealed class SqliteRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ScalingHarness harness = null!;
    private string dataFolder = null!;
    private Dictionary<string, string> storage = null!;

    public async Task InitializeAsync()
    {
        harness = await ScalingHarness.StartAsync(output);
        dataFolder = Directory.CreateTempSubdirectory("partnerbot-scaling-sqlite-").FullName;
        storage = new Dictionary<string, string> { ["Storage:Provider"] = "Sqlite", ["Storage:DataFolder"] = dataFolder };
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        Directory.Delete(dataFolder, recursive: true);
    }

    [Fact]
    public async Task Restarted_host_accepts_pending_approval()
    {
        var (customer, target) = harness.ResettableUsers(harness.Muller).First();
        var first = await harness.StartBotAsync("bot before SIGTERM", storage);
        await harness.SayAsync(first, Approver, "help");
        await harness.SayAsync(first, Requester, "help");
        var requestId = await harness.RequestApprovalAsync([first], Requester, customer, target, Requester.PersonalChat);

        var exitCode = await first.TerminateAsync();
        var second = await harness.StartBotAsync("bot after restart", storage);
        var decision = await harness.ClickAsync(second, Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
        var passwordMessage = await harness.WaitForPasswordAsync(Requester, target);

        Assert.Equal(0, exitCode);
        Assert.Contains("Approved by Bruno Approver", ScalingHarness.Json(decision["value"]), StringComparison.Ordinal);
        Assert.Single(harness.PasswordMessages(Requester, target));
        Assert.Equal(1, harness.Sandbox.ResetCount(customer.Id, target.Id));
        Assert.True(harness.Sandbox.PasswordMatches(customer.Id, target.Id, ScalingHarness.PasswordIn(passwordMessage)), "The password sent privately should be the one the sandbox set.");
    }

    [Fact]
    public async Task Sigterm_during_reset_delivers_password()
    {
        var (customer, target) = harness.ResettableUsers(harness.Muller).First();
        var bot = await harness.StartBotAsync("bot stopped during a reset", storage);
        await harness.SayAsync(bot, Approver, "help");
        await harness.SayAsync(bot, Requester, "help");
        var requestId = await harness.RequestApprovalAsync([bot], Requester, customer, target, Conversation.NewGroupChat());

        // Partner Center takes two seconds to respond to the reset, well within the host's 30-second default shutdown timeout.
        harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", "/v1/customers/*/users/*", new SandboxFault { DelayBefore = TimeSpan.FromSeconds(2) }));
        await harness.ClickAsync(bot, Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
        await ScalingHarness.WaitForAsync(() => harness.ResetCallCount(customer, target) > 0 ? "sent" : null, null, "the bot sent no reset call");
        var exitCode = await bot.TerminateAsync();

        // NOTE: ApprovalFlow starts the reset with Task.Run and no hosted service awaits it, yet the host exits only after
        // the reset is delivered. What keeps it alive is not known, and a reset slower than the 30-second shutdown timeout was not tried.
        Assert.Equal(0, exitCode);
        Assert.Equal(1, harness.Sandbox.ResetCount(customer.Id, target.Id));
        Assert.Single(harness.PasswordMessages(Requester, target));
    }
}
