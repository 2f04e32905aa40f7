namespace PartnerBot.Benchmarks;

/// <summary>
/// The console entry point. It is a named class rather than top-level statements, because those would declare a
/// type Program that hides PartnerBot's own Program, which the benchmarks start with WebApplicationFactory.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Each mode is one class; add a new mode to this table.
        var modes = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
        {
            ["user-search"] = UserSearchBenchmark.RunAsync,
            ["turn-overhead"] = TurnOverheadBenchmark.RunAsync,
            ["load"] = LoadBenchmark.RunAsync,
        };

        if (args.Length != 1 || !modes.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/PartnerBot.Benchmarks -- <mode>");
            Console.Error.WriteLine($"Modes: {string.Join(", ", modes.Keys)}");
            return 2;
        }

        await run(CancellationToken.None);
        return 0;
    }
}
