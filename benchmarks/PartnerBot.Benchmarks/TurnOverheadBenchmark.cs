using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PartnerBot.Benchmarks.Hosting;
using PartnerBot.Benchmarks.Load;

namespace PartnerBot.Benchmarks;

/// <summary>
/// Times one turn through /api/messages over HTTP on 127.0.0.1, from the POST to its response, for PartnerBot's
/// "help" message, PartnerBot's customer search card action (which calls the sandbox), and a minimal echo bot on
/// the same hosting. Each bot sends its reply to the same connector sink before the response returns, so the time
/// covers the reply. Turns run one at a time, interleaved, so background noise hits all three alike.
/// </summary>
internal static class TurnOverheadBenchmark
{
    private const int WarmUpIterations = 300;
    private const int Iterations = 2_000;
    private const string CustomerQuery = "contoso";

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var rig = await LoadRig.StartAsync(requesterCount: 1, approverCount: 1);
        await using var echo = await EchoBotHost.StartAsync();
        var echoClient = new TeamsClient(rig.Http, echo.MessagesEndpoint, rig.Connector.ServiceUrl, PartnerBotHost.PartnerTenantId);
        var requester = rig.Requesters[0];

        rig.Connector.Watch(requester.PersonalChat.Id);
        await rig.Teams.SayAsync(requester, "reset password", cancellationToken: cancellationToken);
        var card = await rig.Connector.WaitForAsync(requester.PersonalChat.Id, activity => ResetFlowDriver.FindRequestId(activity) is not null, TimeSpan.FromSeconds(30));
        var requestId = ResetFlowDriver.FindRequestId(card)!.Value;
        rig.Connector.Forget(requester.PersonalChat.Id);

        var turns = new (string Name, Func<Task> Run)[]
        {
            ("echo bot: message", () => ExpectOkAsync(echoClient.SayAsync(requester, "help", cancellationToken: cancellationToken))),
            ("PartnerBot: help", () => ExpectOkAsync(rig.Teams.SayAsync(requester, "help", cancellationToken: cancellationToken))),
            ("PartnerBot: customer search", async () =>
            {
                var answer = await rig.Teams.ClickAsync(requester, "reset.customerSearch", new JsonObject { ["requestId"] = requestId.ToString(), ["customerQuery"] = CustomerQuery }, cancellationToken: cancellationToken);
                if (answer.IsSentence)
                {
                    throw new InvalidOperationException("The customer search responded with a sentence instead of a card: " + answer.Text);
                }
            }),
        };

        var samples = turns.ToDictionary(turn => turn.Name, _ => new List<TimeSpan>(Iterations));
        for (var iteration = 0; iteration < WarmUpIterations + Iterations; iteration++)
        {
            foreach (var (name, run) in turns)
            {
                var clock = Stopwatch.StartNew();
                await run();
                if (iteration >= WarmUpIterations)
                {
                    samples[name].Add(clock.Elapsed);
                }
            }
        }

        var echoP50 = Percentiles.Of(samples[turns[0].Name], 50);
        var echoP99 = Percentiles.Of(samples[turns[0].Name], 99);
        Console.WriteLine($"turn-overhead: {Iterations} turns each after {WarmUpIterations} warm-up turns, one at a time, over HTTP on 127.0.0.1");
        Console.WriteLine($"{"turn",-30}{"p50 ms",10}{"p99 ms",10}{"p50 / echo",12}{"p99 / echo",12}");
        foreach (var (name, _) in turns)
        {
            var p50 = Percentiles.Of(samples[name], 50);
            var p99 = Percentiles.Of(samples[name], 99);
            Console.WriteLine($"{name,-30}{Ms(p50),10}{Ms(p99),10}{Ratio(p50, echoP50),12}{Ratio(p99, echoP99),12}");
        }

        Console.WriteLine($"bot warnings {rig.Bot.Logs.Warnings}, errors {rig.Bot.Logs.Errors}");
    }

    private static async Task ExpectOkAsync(Task<int> post)
    {
        var status = await post;
        if (status != 200)
        {
            throw new InvalidOperationException($"The message turn returned HTTP {status}.");
        }
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ratio(TimeSpan value, TimeSpan baseline) =>
        (value.TotalMilliseconds / Math.Max(baseline.TotalMilliseconds, 0.001)).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
