using System.Diagnostics;
using System.Globalization;
using PartnerBot.Benchmarks.Load;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Runs 200 password reset flows at once through PartnerBot on Kestrel against the sandbox, then leaves 1,000
/// requests waiting for approval and measures how much memory they hold after a forced full garbage collection.
/// </summary>
internal static class LoadBenchmark
{
    private const int Flows = 200;
    private const int PendingRequests = 1_000;
    private const int PendingWarmUp = 100;
    private const int PendingConcurrency = 50;
    private const int Approvers = 5;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var rig = await LoadRig.StartAsync(requesterCount: Flows, approverCount: Approvers);

        // In a method of its own, so that nothing of the flows' results is still referenced when memory is measured.
        await RunFlowsAsync(rig, cancellationToken);
        await MeasurePendingMemoryAsync(rig, cancellationToken);
    }

    private static async Task RunFlowsAsync(LoadRig rig, CancellationToken cancellationToken)
    {
        using var sampler = new WorkingSetSampler(TimeSpan.FromMilliseconds(50));

        var plans = rig.PlanFlows(Flows, inGroupChats: false);
        var clock = Stopwatch.StartNew();
        var results = await rig.RunAsync(plans, approve: true, maxConcurrency: Flows, cancellationToken);
        clock.Stop();
        var stillBusy = await rig.WaitForResetsToSettleAsync(TimeSpan.FromSeconds(30));
        var peakWorkingSet = sampler.Peak;

        PrintLoad(rig, results, clock.Elapsed, stillBusy, peakWorkingSet);
        foreach (var plan in plans)
        {
            rig.Driver.Release(plan);
        }
    }

    private static void PrintLoad(LoadRig rig, IReadOnlyList<FlowResult> results, TimeSpan elapsed, int stillBusy, long peakWorkingSet)
    {
        var resetCalls = rig.ResetCallsByUser();
        var duplicateResets = results.Count(result =>
            rig.Sandbox.Sandbox.ResetCount(result.Plan.Customer.Id, result.Plan.Target.Id) > 1 ||
            resetCalls.GetValueOrDefault((result.Plan.Customer.Id, result.Plan.Target.Id)).Calls > 1);
        var errors = results.Where(result => result.Outcome is not FlowOutcome.PasswordDelivered).ToArray();

        Console.WriteLine($"load: {results.Count} reset flows at once, {rig.Approvers.Count} approvers, PartnerBot on Kestrel (SQLite), sandbox and connector sink on 127.0.0.1");
        Console.WriteLine($"wall time {elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s, {(results.Count / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)} flows/s");
        Console.WriteLine($"{"step",-22}{"p50 ms",10}{"p99 ms",10}{"max ms",10}");
        foreach (var step in Enum.GetValues<FlowStep>())
        {
            var samples = results.Where(result => result.StepTimes.ContainsKey(step)).Select(result => result.StepTimes[step]).ToArray();
            Console.WriteLine($"{step,-22}{Ms(Percentiles.Of(samples, 50)),10}{Ms(Percentiles.Of(samples, 99)),10}{Ms(Percentiles.Of(samples, 100)),10}");
        }

        Console.WriteLine($"delivered {results.Count(result => result.Outcome == FlowOutcome.PasswordDelivered)}, errors {errors.Length}, duplicate resets {duplicateResets}, retried clicks {results.Sum(result => result.RetriedClicks)}, requests still Approved or Resetting {stillBusy}");
        foreach (var error in errors.Take(5))
        {
            Console.WriteLine($"  {error.Outcome}: {error.Detail}");
        }

        Console.WriteLine($"peak working set {Mb(peakWorkingSet)} MB (whole process: bot, sandbox, sink and driver)");
        Console.WriteLine($"bot warnings {rig.Bot.Logs.Warnings}, errors {rig.Bot.Logs.Errors}");
        foreach (var line in rig.Bot.Logs.Latest.Take(5))
        {
            Console.WriteLine($"  {line}");
        }
    }

    /// <summary>
    /// Measures the managed heap and working set after forced full collections, before and after leaving
    /// <see cref="PendingRequests"/> requests in AwaitingApproval, each in its own group chat. A first
    /// <see cref="PendingWarmUp"/> pending requests are made before the first reading, so that code and caches on
    /// that path are loaded already. The sandbox's request record is cleared before each reading, so the difference
    /// is what the bot holds.
    /// </summary>
    private static async Task MeasurePendingMemoryAsync(LoadRig rig, CancellationToken cancellationToken)
    {
        var warmedUp = await LeavePendingAsync(rig, PendingWarmUp, cancellationToken);
        var before = ReadMemory(rig);
        var pending = await LeavePendingAsync(rig, PendingRequests, cancellationToken);
        var after = ReadMemory(rig);
        var perThousand = 1_000.0 / Math.Max(pending, 1);

        Console.WriteLine($"pending requests: {warmedUp} of {PendingWarmUp} before the first reading, then {pending} of {PendingRequests} more left in AwaitingApproval ({PendingConcurrency} flows at a time)");
        Console.WriteLine($"managed heap after full GC: {Mb(before.Heap)} MB -> {Mb(after.Heap)} MB, growth {((after.Heap - before.Heap) * perThousand / 1024 / 1024).ToString("0.00", CultureInfo.InvariantCulture)} MB per 1,000 pending requests");
        Console.WriteLine($"working set after full GC: {Mb(before.WorkingSet)} MB -> {Mb(after.WorkingSet)} MB, growth {((after.WorkingSet - before.WorkingSet) * perThousand / 1024 / 1024).ToString("0.00", CultureInfo.InvariantCulture)} MB per 1,000 pending requests");
    }

    /// <summary>Runs <paramref name="count"/> flows up to the approval request and returns how many reached AwaitingApproval.</summary>
    private static async Task<int> LeavePendingAsync(LoadRig rig, int count, CancellationToken cancellationToken)
    {
        var plans = Enumerable.Range(0, (count + Flows - 1) / Flows)
            .SelectMany(_ => rig.PlanFlows(Flows, inGroupChats: true))
            .Take(count)
            .ToArray();
        var results = await rig.RunAsync(plans, approve: false, maxConcurrency: PendingConcurrency, cancellationToken);
        foreach (var plan in plans)
        {
            rig.Driver.Release(plan);
        }

        return results.Count(result => result.Outcome == FlowOutcome.AwaitingApproval);
    }

    private static (long Heap, long WorkingSet) ReadMemory(LoadRig rig)
    {
        rig.Sandbox.Sandbox.Recorder.Clear();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Reads the process working set at a fixed interval and keeps the highest reading.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Timer timer;
        private long peak;

        public WorkingSetSampler(TimeSpan interval)
        {
            timer = new Timer(_ => Sample(), null, TimeSpan.Zero, interval);
        }

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref peak);
            }
        }

        public void Dispose() => timer.Dispose();

        private void Sample()
        {
            var current = Environment.WorkingSet;
            long seen;
            do
            {
                seen = Interlocked.Read(ref peak);
            }
            while (current > seen && Interlocked.CompareExchange(ref peak, current, seen) != seen);
        }
    }
}
