using PartnerBot.Benchmarks;

// Each mode is one class; add a new mode to this table.
var modes = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["user-search"] = UserSearchBenchmark.RunAsync,
};

if (args.Length != 1 || !modes.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"Usage: dotnet run -c Release --project benchmarks/PartnerBot.Benchmarks -- <mode>");
    Console.Error.WriteLine($"Modes: {string.Join(", ", modes.Keys)}");
    return 2;
}

await run(CancellationToken.None);
return 0;
