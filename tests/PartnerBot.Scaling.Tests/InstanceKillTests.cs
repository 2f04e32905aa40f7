using PartnerBot.Sandbox.Faults;
using Xunit.Abstractions;
using static PartnerBot.Scaling.Tests.People;

namespace PartnerBot.Scaling.Tests;

/// <summary>
/// Two bot processes on one PostgreSQL database, and one of them dies with SIGKILL part way through a request.
/// The worker's takeover ages (2 minutes in Approved, 10 minutes in Resetting) are constants of ResetWorker, so
/// the tests that need them move the request's updated_at back in the database instead of waiting.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class InstanceKillTests(PostgreSqlFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan SandboxDelay = TimeSpan.FromSeconds(20);

    // Three worker passes at one-second intervals: long enough for the survivor to act if it wrongly would.
    private static readonly TimeSpan WorkerPasses = TimeSpan.FromSeconds(3);

    private ScalingHarness harness = null!;
    private StoredRequests stored = null!;
    private BotProcess victim = null!;
    private BotProcess survivor = null!;

    public async Task InitializeAsync()
    {
        harness = await ScalingHarness.StartAsync(output);
        var connectionString = await postgres.CreateDatabaseAsync();
        stored = new StoredRequests(connectionString);
        var storage = new Dictionary<string, string> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = connectionString };
        victim = await harness.StartBotAsync("bot A (killed)", storage);
        survivor = await harness.StartBotAsync("bot B (survivor)", storage);

        await harness.SayAsync(victim, Approver, "help");
        await harness.SayAsync(victim, Requester, "help");
    }

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Kill_before_approval_survivor_resets()
    {
        var (customer, target) = harness.ResettableUsers(harness.Muller).First();
        var requestId = await harness.RequestApprovalAsync([victim], Requester, customer, target, Conversation.NewGroupChat());

        await victim.KillAsync();
        var decision = await harness.ClickAsync(survivor, Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
        var passwordMessage = await harness.WaitForPasswordAsync(Requester, target);
        await Task.Delay(WorkerPasses);

        Assert.Contains("Approved by Bruno Approver", ScalingHarness.Json(decision["value"]), StringComparison.Ordinal);
        Assert.Single(harness.PasswordMessages(Requester, target));
        Assert.Equal(1, harness.Sandbox.ResetCount(customer.Id, target.Id));
        Assert.True(harness.Sandbox.PasswordMatches(customer.Id, target.Id, ScalingHarness.PasswordIn(passwordMessage)), "The password sent privately should be the one the sandbox set.");
        Assert.Equal("Completed", await stored.StatusAsync(requestId));
    }

    [Fact]
    public async Task Kill_in_approved_survivor_takes_over()
    {
        var (customer, target) = harness.ResettableUsers(harness.Muller).Skip(1).First();
        var requestId = await harness.RequestApprovalAsync([victim], Requester, customer, target, Conversation.NewGroupChat());
        var correlationId = await stored.CorrelationIdAsync(requestId);
        var checksBefore = TargetChecks(correlationId);

        // The victim checks the target again before it resets. That check hangs, so the request stays Approved.
        harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("GET", "/v1/customers/*/users/*", new SandboxFault { DelayBefore = SandboxDelay }) { CorrelationId = correlationId });
        await harness.ClickAsync(victim, Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
        await ScalingHarness.WaitForAsync(() => TargetChecks(correlationId) > checksBefore ? "checked" : null, null, "the victim did not check the target after approval");
        await victim.KillAsync();
        await Task.Delay(WorkerPasses);
        var statusBeforeTakeover = await stored.StatusAsync(requestId);
        var aged = await stored.AgeAsync(requestId, "Approved", TimeSpan.FromMinutes(3));
        var passwordMessage = await harness.WaitForPasswordAsync(Requester, target);
        await Task.Delay(WorkerPasses);

        Assert.Equal("Approved", statusBeforeTakeover);
        Assert.True(aged, "The request should still be Approved when it is aged.");
        Assert.Single(harness.PasswordMessages(Requester, target));
        Assert.Equal(1, harness.Sandbox.ResetCount(customer.Id, target.Id));
        Assert.Equal(1, harness.ResetCallCount(customer, target));
        Assert.True(harness.Sandbox.PasswordMatches(customer.Id, target.Id, ScalingHarness.PasswordIn(passwordMessage)), "The password sent privately should be the one the sandbox set.");
        Assert.Equal("Completed", await stored.StatusAsync(requestId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Kill_during_reset_call_fails_request(bool resetApplied)
    {
        var (customer, target) = harness.ResettableUsers(harness.Muller).Skip(2).First();
        var conversation = Conversation.NewGroupChat();
        var requestId = await harness.RequestApprovalAsync([victim], Requester, customer, target, conversation);

        // The reset call hangs in the sandbox and the victim dies before Partner Center responds. A call delayed before
        // it is handled is dropped when the caller goes away, but a call delayed after it is handled has changed the password.
        var delay = resetApplied ? new SandboxFault { DelayAfter = SandboxDelay } : new SandboxFault { DelayBefore = SandboxDelay };
        harness.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", "/v1/customers/*/users/*", delay));
        await harness.ClickAsync(victim, Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
        await ScalingHarness.WaitForAsync(() => harness.ResetCallCount(customer, target) > 0 ? "sent" : null, null, "the victim sent no reset call");
        await victim.KillAsync();
        await Task.Delay(WorkerPasses);
        var statusBeforeTakeover = await stored.StatusAsync(requestId);
        var aged = await stored.AgeAsync(requestId, "Resetting", TimeSpan.FromMinutes(11));
        var finalStatus = await stored.WaitForStatusAsync(requestId, "Failed", TimeSpan.FromSeconds(20));
        var notice = await harness.WaitForSentAsync(conversation, activity => activity["text"]?.GetValue<string>().Contains("stopped while resetting", StringComparison.Ordinal) == true);

        Assert.Equal("Resetting", statusBeforeTakeover);
        Assert.True(aged, "The request should still be Resetting when it is aged.");
        Assert.Equal("Failed", finalStatus);
        Assert.StartsWith("PartnerBot stopped while resetting the password", await stored.OutcomeAsync(requestId), StringComparison.Ordinal);
        Assert.StartsWith("The password reset did not go through.", notice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(harness.PasswordMessages(Requester, target));
        Assert.Equal(resetApplied ? 1 : 0, harness.Sandbox.ResetCount(customer.Id, target.Id));
    }

    // GET of one user with this correlation id: the target check that runs before a reset.
    private int TargetChecks(Guid correlationId) =>
        harness.Sandbox.Recorder.Snapshot(correlationId).Count(request => request.Method == "GET" && request.Path.Trim('/').Split('/') is ["v1", "customers", _, "users", _]);
}
