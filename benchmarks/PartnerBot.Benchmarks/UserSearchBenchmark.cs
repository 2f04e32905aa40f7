using System.Diagnostics;
using System.Globalization;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Times a user search by UPN prefix in the 50,000-user sandbox customer: a first search that has to page through
/// the whole directory, then the same search again, served from the client's user index.
/// </summary>
internal static class UserSearchBenchmark
{
    private const int MaxResults = 10;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var host = await LoopbackSandbox.StartAsync(cancellationToken);
        var customer = host.Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.ContosoMegacorpId))!;

        // The last user in listing order, so the first search must read every page before its result list is final.
        var target = host.Sandbox.Directory.GetUser(customer, customer.UserCount - 1);
        var prefix = target.UserPrincipalName;

        var first = await MeasureAsync(host, prefix, cancellationToken);
        var repeated = await MeasureAsync(host, prefix, cancellationToken);

        var ratio = first.Elapsed.TotalMilliseconds / Math.Max(repeated.Elapsed.TotalMilliseconds, 0.001);
        Console.WriteLine($"user-search: customer {WellKnownCustomers.ContosoMegacorpName} ({customer.UserCount:N0} users), prefix '{prefix}', at most {MaxResults} results");
        Console.WriteLine(Row("first search", first));
        Console.WriteLine(Row("repeated search (cached)", repeated));
        Console.WriteLine($"{"ratio first / repeated",-26}{ratio.ToString("N0", CultureInfo.InvariantCulture)}x");
    }

    private static async Task<Measurement> MeasureAsync(LoopbackSandbox host, string prefix, CancellationToken cancellationToken)
    {
        var correlationId = Guid.NewGuid();
        var stopwatch = Stopwatch.StartNew();
        var users = await host.Directory.FindUsersAsync(
            WellKnownCustomers.ContosoMegacorpId, prefix, MaxResults, correlationId, cancellationToken);
        stopwatch.Stop();

        var calls = host.Sandbox.Recorder.Snapshot(correlationId).Count;
        return new Measurement(stopwatch.Elapsed, calls, users.Count);
    }

    private static string Row(string label, Measurement measurement) =>
        $"{label,-26}{measurement.Elapsed.TotalMilliseconds,10:N1} ms  {measurement.Calls,4} calls  {measurement.Matches} match(es)";

    private sealed record Measurement(TimeSpan Elapsed, int Calls, int Matches);
}
