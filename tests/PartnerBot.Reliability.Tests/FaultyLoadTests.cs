using PartnerBot.Benchmarks.Load;
using PartnerBot.Resets;
using Xunit.Abstractions;

namespace PartnerBot.Reliability.Tests;

/// <summary>
/// The load benchmark's flows, fewer of them, against a sandbox where about one Partner Center call in five fails
/// or is slow: random 429 (Retry-After), 500 and 503 answers from the sandbox's seeded fault plan, plus slow answers.
/// </summary>
public sealed class FaultyLoadTests(ITestOutputHelper output)
{
    private const int Flows = 48;
    private const double ErrorRate = 0.14;
    private const double SlowAnswerRate = 0.06;
    private static readonly TimeSpan SlowAnswerDelay = TimeSpan.FromMilliseconds(1_500);

    [Fact]
    public async Task Faulty_sandbox_flows_end_cleanly()
    {
        await using var rig = await LoadRig.StartAsync(
            requesterCount: Flows,
            approverCount: 3,
            new Dictionary<string, string?> { ["RandomFaultRate"] = ErrorRate.ToString(System.Globalization.CultureInfo.InvariantCulture), ["RandomFaultSeed"] = "7" },
            SlowAnswerRate,
            SlowAnswerDelay);
        var plans = rig.PlanFlows(Flows, inGroupChats: false);

        var results = await rig.RunAsync(plans, approve: true, maxConcurrency: Flows, CancellationToken.None);
        var stillBusy = await rig.WaitForResetsToSettleAsync(TimeSpan.FromSeconds(30));
        var resetCalls = rig.ResetCallsByUser();
        var statuses = new Dictionary<Guid, ResetRequestStatus?>();
        foreach (var result in results.Where(result => result.RequestId is not null))
        {
            statuses[result.RequestId!.Value] = (await rig.Requests.GetAsync(result.RequestId.Value, CancellationToken.None))?.Status;
        }

        foreach (var group in results.GroupBy(result => result.Outcome))
        {
            output.WriteLine($"{group.Key}: {group.Count()}; {string.Join(" | ", group.Select(result => result.Detail).Distinct().Take(3))}");
        }

        output.WriteLine($"slow answers {rig.Sandbox.SlowAnswers}, retried clicks {results.Sum(result => result.RetriedClicks)}, bot errors logged {rig.Bot.Logs.Errors}");
        Assert.All(results, result => Assert.True(
            result.Outcome is FlowOutcome.PasswordDelivered or FlowOutcome.FailureTold or FlowOutcome.CancelledAfterFailures,
            $"Flow of {result.Plan.Requester.Name} ended as {result.Outcome}: {result.Detail}"));
        Assert.Contains(results, result => result.Outcome == FlowOutcome.PasswordDelivered);
        Assert.Equal(0, stillBusy);
        Assert.All(results, result => Assert.True(
            rig.Sandbox.Sandbox.ResetCount(result.Plan.Customer.Id, result.Plan.Target.Id) <= 1,
            $"{result.Plan.Target.UserPrincipalName} was reset {rig.Sandbox.Sandbox.ResetCount(result.Plan.Customer.Id, result.Plan.Target.Id)} times."));
        Assert.All(resetCalls, pair => Assert.True(pair.Value.Operations <= 1, $"User {pair.Key.UserId} got {pair.Value.Operations} different reset operations."));
        Assert.All(results.Where(result => result.Outcome == FlowOutcome.PasswordDelivered), result =>
            Assert.Equal(1, rig.Sandbox.Sandbox.ResetCount(result.Plan.Customer.Id, result.Plan.Target.Id)));
        Assert.All(results.Where(result => result.Outcome == FlowOutcome.CancelledAfterFailures), result =>
            Assert.Equal(0, rig.Sandbox.Sandbox.ResetCount(result.Plan.Customer.Id, result.Plan.Target.Id)));
        Assert.All(results, result => Assert.Equal(
            result.Outcome switch
            {
                FlowOutcome.PasswordDelivered => ResetRequestStatus.Completed,
                FlowOutcome.FailureTold => ResetRequestStatus.Failed,
                _ => ResetRequestStatus.Cancelled,
            },
            statuses[result.RequestId!.Value]));
    }
}
