using System.Diagnostics;
using PartnerBot.Sandbox.Data;
using Xunit.Abstractions;
using static PartnerBot.Scaling.Tests.People;

namespace PartnerBot.Scaling.Tests;

/// <summary>
/// Two bot processes on one PostgreSQL database receive the same Approve click at the same moment, as when
/// Teams retries an invoke or a load balancer sends a duplicate to the other instance.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ConcurrentApprovalTests(PostgreSqlFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int RequestCount = 20;

    private ScalingHarness harness = null!;
    private StoredRequests stored = null!;
    private BotProcess botA = null!;
    private BotProcess botB = null!;

    public async Task InitializeAsync()
    {
        harness = await ScalingHarness.StartAsync(output);
        var connectionString = await postgres.CreateDatabaseAsync();
        stored = new StoredRequests(connectionString);
        var storage = new Dictionary<string, string> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = connectionString };
        botA = await harness.StartBotAsync("bot A", storage);
        botB = await harness.StartBotAsync("bot B", storage);

        // Everyone writes once in personal chat, so the bot stores where approval cards and passwords go.
        await harness.SayAsync(botA, Approver, "help");
        await harness.SayAsync(botB, SecondApprover, "help");
        await harness.SayAsync(botA, Requester, "help");
        await harness.SayAsync(botB, SecondRequester, "help");
    }

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Duplicate_approvals_reset_once_each()
    {
        var targets = PickTargets();
        var requests = new List<(Guid RequestId, Person Requester, SandboxCustomer Customer, SandboxUser User)>();
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < RequestCount; index++)
        {
            var requester = index % 2 == 0 ? Requester : SecondRequester;
            var (customer, user) = targets[index];
            var requestId = await harness.RequestApprovalAsync([botA, botB], requester, customer, user, Conversation.NewGroupChat());
            requests.Add((requestId, requester, customer, user));
        }

        output.WriteLine($"{RequestCount} requests reached approval in {clock.ElapsedMilliseconds} ms.");
        clock.Restart();

        foreach (var (requestId, _, _, _) in requests)
        {
            var approve = harness.Click(Approver, CardVerbs.Approve, ScalingHarness.ApproveData(requestId), Approver.PersonalChat);
            await Task.WhenAll(harness.InvokeAsync(botA, approve), harness.InvokeAsync(botB, approve));
        }

        foreach (var (_, requester, _, user) in requests)
        {
            await harness.WaitForPasswordAsync(requester, user, TimeSpan.FromSeconds(30));
        }

        output.WriteLine($"{RequestCount} duplicate approvals delivered their passwords in {clock.ElapsedMilliseconds} ms.");

        // A second reset or message would come from the other instance's worker, which runs every second.
        await Task.Delay(TimeSpan.FromSeconds(3));

        foreach (var (requestId, requester, customer, user) in requests)
        {
            var passwordMessage = Assert.Single(harness.PasswordMessages(requester, user));
            Assert.Equal(1, harness.Sandbox.ResetCount(customer.Id, user.Id));
            Assert.Equal(1, harness.ResetCallCount(customer, user));
            Assert.True(harness.Sandbox.PasswordMatches(customer.Id, user.Id, ScalingHarness.PasswordIn(passwordMessage)), $"The password sent for {user.UserPrincipalName} should be the one the sandbox set.");
            Assert.Equal("Completed", await stored.StatusAsync(requestId));
            Assert.Equal(1, await stored.AuditCountAsync(requestId, "approved"));
            Assert.Equal(1, await stored.AuditCountAsync(requestId, "reset"));
        }
    }

    /// <summary>Picks a different resettable user for each request: the Müller Logistik ones first, then two per generated customer.</summary>
    private List<(SandboxCustomer Customer, SandboxUser User)> PickTargets()
    {
        var generated = harness.Sandbox.Directory.Customers
            .Where(customer => customer.Index >= 3 && customer.HasRelationship && customer.UserCount <= 300)
            .SelectMany(customer => harness.ResettableUsers(customer).Take(2));
        var targets = harness.ResettableUsers(harness.Muller).Concat(generated).Take(RequestCount).ToList();
        Assert.Equal(RequestCount, targets.Select(target => target.User.Id).Distinct().Count());
        return targets;
    }
}
