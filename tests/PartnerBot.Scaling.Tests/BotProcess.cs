using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace PartnerBot.Scaling.Tests;

/// <summary>
/// One PartnerBot host, started from the built PartnerBot.dll as a separate process that listens on a free
/// port of 127.0.0.1. The last lines of its standard output and error are kept for failure messages, and
/// disposing it kills the process.
/// </summary>
internal sealed partial class BotProcess : IAsyncDisposable
{
    private const int MaxKeptLines = 3_000;
    private const int SignalTerminate = 15;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    private readonly Process process;
    private readonly Queue<string> lines = new();
    private readonly Lock linesLock = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>A short name for messages, such as "bot A".</summary>
    public string Name { get; }

    /// <summary>The address the host listens on, such as http://127.0.0.1:41873/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri MessagesEndpoint => new(BaseAddress, "api/messages");

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>PartnerBot.dll built in this test project's Configuration. The project file stores its path at build time.</summary>
    public static string AssemblyPath =>
        typeof(BotProcess).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "PartnerBotAssemblyPath")?.Value
        ?? throw new InvalidOperationException("The test assembly has no PartnerBotAssemblyPath metadata. Build it with dotnet build, which runs the AddPartnerBotAssemblyPath target.");

    /// <summary>Lines the process wrote so far, standard output and error interleaved, at most the last 3,000.</summary>
    public string Output
    {
        get
        {
            lock (linesLock)
            {
                return string.Join(Environment.NewLine, lines);
            }
        }
    }

    /// <summary>
    /// Starts the bot in Development with <paramref name="settings"/> as environment variables (configuration keys
    /// with ':' written as "__") and returns once /healthz/ready returns 200.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, HttpClient client)
    {
        var assemblyPath = AssemblyPath;
        if (!File.Exists(assemblyPath))
        {
            throw new InvalidOperationException($"The built bot {assemblyPath} is missing. Run dotnet build PartnerBot.sln first.");
        }

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add("http://127.0.0.1:0");

        // Inherited URL settings would override --urls, so they are removed.
        foreach (var key in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS" })
        {
            startInfo.Environment.Remove(key);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        startInfo.Environment["Logging__LogLevel__Polly"] = "Warning";
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var bot = new BotProcess(name, process);
        process.OutputDataReceived += (_, line) => bot.Append("stdout", line.Data);
        process.ErrorDataReceived += (_, line) => bot.Append("stderr", line.Data);
        process.Exited += (_, _) => bot.listening.TrySetException(new InvalidOperationException($"{name} exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            bot.BaseAddress = await bot.listening.Task.WaitAsync(StartTimeout);
            await bot.WaitUntilReadyAsync(client);
            return bot;
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            var state = process.HasExited ? $"exited with code {process.ExitCode}" : "still running";
            var output = bot.Output;
            await bot.DisposeAsync();
            throw new InvalidOperationException($"{name} did not become ready ({state}): {exception.Message}{Environment.NewLine}{output}", exception);
        }
    }

    /// <summary>Sends SIGKILL, as when the machine or container dies, and waits for the process to end.</summary>
    public async Task KillAsync()
    {
        Append("test", "SIGKILL sent");
        process.Kill();
        await process.WaitForExitAsync().WaitAsync(ExitTimeout);
    }

    /// <summary>Sends SIGTERM, as an orchestrator does before it stops a container, and returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        Append("test", "SIGTERM sent");
        var clock = Stopwatch.StartNew();
        if (Kill(process.Id, SignalTerminate) != 0)
        {
            throw new InvalidOperationException($"Sending SIGTERM to {Name} (process {process.Id}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        await process.WaitForExitAsync().WaitAsync(ExitTimeout);
        Append("test", $"exited with code {process.ExitCode} {clock.ElapsedMilliseconds} ms after SIGTERM");
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(ExitTimeout);
            }
        }
        catch (InvalidOperationException)
        {
            // The process ended between the check and the kill.
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "healthz/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"/healthz/ready of {Name} did not return 200 within {StartTimeout.TotalSeconds} s.");
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (linesLock)
        {
            lines.Enqueue($"{stream}: {line}");
            while (lines.Count > MaxKeptLines)
            {
                lines.Dequeue();
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups["address"].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);
}
