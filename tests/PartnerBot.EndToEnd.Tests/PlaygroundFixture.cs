using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// Starts the built bot in Development, two Microsoft 365 Agents Playground instances connected to it and a
/// headless Chromium, once for all end-to-end tests, and stops them all on dispose. In one Playground the
/// current user is the helpdesk agent Adele Requester, in the other the approver Bruno Approver. Everything
/// listens on 127.0.0.1 at ports picked free at start, and the bot keeps its SQLite database in a temporary
/// folder, so a running scripts/run-local and earlier test runs do not get in the way.
/// </summary>
public partial class PlaygroundFixture : IAsyncLifetime
{
    private const string SetupHint = "Run scripts/setup --browser to install it.";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",

        // The Playground page requests fonts and animations from a public CDN. Each page aborts requests to hosts
        // other than 127.0.0.1, and this rule makes every host name fail to resolve for requests that routing misses.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];

    private readonly HttpClient httpClient = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly List<PlaygroundChat> openChats = [];
    private readonly Lock openChatsLock = new();

    private ChildProcess? bot;
    private ChildProcess? requesterPlayground;
    private ChildProcess? approverPlayground;
    private DirectoryInfo? workDirectory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The web page of the Playground whose current user is the helpdesk agent Adele Requester, on 127.0.0.1.</summary>
    public Uri PlaygroundUrl { get; private set; } = null!;

    /// <summary>The web page of the Playground whose current user is the approver Bruno Approver, on 127.0.0.1.</summary>
    public Uri ApproverPlaygroundUrl { get; private set; } = null!;

    /// <summary>The Partner Center sandbox that the bot mounts in Development, ending in a slash.</summary>
    public Uri SandboxUrl { get; private set; } = null!;

    /// <summary>The value of PartnerBot:Backend for the bot: PartnerCenter, or Graph in <see cref="GraphPlaygroundFixture"/>.</summary>
    public virtual string Backend => "PartnerCenter";

    public async Task InitializeAsync()
    {
        RequireFile(RepositoryPaths.Chromium, "Chromium", SetupHint);
        RequireFile(RepositoryPaths.AgentsPlayground, "The Agents Playground", SetupHint);
        RequireFile(RepositoryPaths.PlaygroundConfig, "The Playground configuration", "Restore it from git.");
        RequireFile(RepositoryPaths.ApproverPlaygroundConfig, "The approver's Playground configuration", "Restore it from git.");
        RequireFile(RepositoryPaths.BotAssembly, "The built bot", "Run dotnet build PartnerBot.sln first.");

        workDirectory = Directory.CreateTempSubdirectory("partnerbot-end-to-end-");

        try
        {
            var botMessagesUrl = await StartBotAsync();

            // The two Playgrounds are independent programs, so they start side by side.
            requesterPlayground = StartPlayground(botMessagesUrl, "Agents Playground (requester)", RepositoryPaths.PlaygroundConfig, "playground-requester");
            approverPlayground = StartPlayground(botMessagesUrl, "Agents Playground (approver)", RepositoryPaths.ApproverPlaygroundConfig, "playground-approver");
            var playgroundUrls = await Task.WhenAll(WaitForPlaygroundAsync(requesterPlayground), WaitForPlaygroundAsync(approverPlayground));
            PlaygroundUrl = playgroundUrls[0];
            ApproverPlaygroundUrl = playgroundUrls[1];

            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = RepositoryPaths.Chromium,
                Headless = true,
                Args = ChromiumArguments,
            });
        }
        catch (Exception exception)
        {
            var processOutput = DescribeProcessOutput();
            await DisposeAsync();
            throw new InvalidOperationException($"The end-to-end environment failed to start: {exception.Message}\n\n{processOutput}", exception);
        }
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
            browser = null;
        }

        playwright?.Dispose();
        playwright = null;

        requesterPlayground?.Dispose();
        requesterPlayground = null;
        approverPlayground?.Dispose();
        approverPlayground = null;
        bot?.Dispose();
        bot = null;

        workDirectory?.Delete(recursive: true);
        workDirectory = null;

        httpClient.Dispose();
    }

    /// <summary>
    /// Opens Adele Requester's Playground in a new browser context, which starts her personal chat with the
    /// bot, and waits until the page can send and show messages.
    /// </summary>
    public Task<PlaygroundChat> OpenPersonalChatAsync(ITestOutputHelper output, [CallerMemberName] string testName = "") =>
        OpenChatAsync(PlaygroundUrl, "requester", output, testName);

    /// <summary>
    /// Opens Bruno Approver's Playground in a new browser context and waits until the page can send and show
    /// messages. The page load sends the bot an activity from Bruno's personal chat, from which the bot stores
    /// where to send him approval cards, so open it before the requester selects Request approval.
    /// </summary>
    public Task<PlaygroundChat> OpenApproverChatAsync(ITestOutputHelper output, [CallerMemberName] string testName = "") =>
        OpenChatAsync(ApproverPlaygroundUrl, "approver", output, testName);

    /// <summary>
    /// Saves a screenshot of every page that is open now, so a failure in one person's chat also shows what the
    /// other person saw. Returns the paths, or for a page that could not be saved, the reason.
    /// </summary>
    internal async Task<IReadOnlyList<string>> SaveScreenshotsOfOpenPagesAsync(string testName)
    {
        List<PlaygroundChat> chats;
        lock (openChatsLock)
        {
            chats = [.. openChats];
        }

        var paths = new List<string>();
        foreach (var chat in chats)
        {
            paths.Add(await chat.SaveScreenshotAsync(testName));
        }

        return paths;
    }

    internal void Forget(PlaygroundChat chat)
    {
        lock (openChatsLock)
        {
            openChats.Remove(chat);
        }
    }

    /// <summary>
    /// Describes the state and output of the bot and both Playgrounds, and the Playgrounds' own log files, for
    /// a failure report.
    /// </summary>
    public string DescribeProcessOutput()
    {
        var description = new StringBuilder();
        foreach (var process in new[] { bot, requesterPlayground, approverPlayground })
        {
            if (process is not null)
            {
                description.AppendLine($"--- {process.Name} ({process.DescribeState()}) ---").AppendLine(process.Output);
            }
        }

        foreach (var folder in new[] { "playground-requester", "playground-approver" })
        {
            var playgroundLog = workDirectory is null ? null : Path.Combine(workDirectory.FullName, folder, "devTools", "m365agentsplayground.log");
            if (playgroundLog is not null && File.Exists(playgroundLog))
            {
                description.AppendLine($"--- {playgroundLog} ---").AppendLine(File.ReadAllText(playgroundLog));
            }
        }

        return description.ToString();
    }

    private async Task<PlaygroundChat> OpenChatAsync(Uri playgroundUrl, string person, ITestOutputHelper output, string testName)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await context.RouteAsync("**/*", AbortUnlessLoopbackAsync);

        var page = await context.NewPageAsync();
        var chat = new PlaygroundChat(this, context, page, person, output, testName);
        lock (openChatsLock)
        {
            openChats.Add(chat);
        }

        await chat.OpenAsync(playgroundUrl);
        return chat;
    }

    private static void RequireFile(string path, string description, string remedy)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{description} was not found at {path}. {remedy}");
        }
    }

    private string BotDataDirectory => Path.Combine(workDirectory!.FullName, "bot-data");

    /// <summary>
    /// Starts the bot on a free loopback port, with a new SQLite database and its Partner Center client pointed
    /// at the sandbox that the bot itself mounts, and returns its messaging endpoint once /healthz is healthy.
    /// </summary>
    private async Task<Uri> StartBotAsync()
    {
        var botUrl = new Uri($"http://127.0.0.1:{PickFreeLoopbackPort()}");
        var botAssembly = RepositoryPaths.BotAssembly;

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(botAssembly)!,
            ArgumentList = { botAssembly, "--urls", botUrl.ToString() },
        };
        RemoveBotSettingsFromEnvironment(startInfo);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["Storage__Provider"] = "Sqlite";
        startInfo.Environment["Storage__DataFolder"] = BotDataDirectory;

        // appsettings.Development.json points the client at port 3978, where this bot is not listening.
        SandboxUrl = new Uri(botUrl, "/sandbox/partnercenter/");
        startInfo.Environment["PartnerCenter__BaseAddress"] = SandboxUrl.ToString();
        startInfo.Environment["Graph__BaseAddress"] = new Uri(botUrl, "/sandbox/graph/").ToString();
        startInfo.Environment["PartnerBot__Backend"] = Backend;

        bot = ChildProcess.Start("bot", startInfo);
        await WaitUntilAsync(bot, "\"Healthy\" on /healthz", () => IsHealthyAsync(new Uri(botUrl, "/healthz")));

        return new Uri(botUrl, "/api/messages");
    }

    /// <summary>
    /// Starts a Playground with a committed configuration in its own temporary working folder, where it writes
    /// its devTools/ log.
    /// </summary>
    private ChildProcess StartPlayground(Uri botMessagesUrl, string name, string configPath, string folderName)
    {
        var folder = Path.Combine(workDirectory!.FullName, folderName);
        Directory.CreateDirectory(folder);

        var startInfo = new ProcessStartInfo(RepositoryPaths.AgentsPlayground)
        {
            WorkingDirectory = folder,
            ArgumentList = { "-e", botMessagesUrl.ToString(), "-c", "msteams", "-p", PickFreeLoopbackPort().ToString(), "--dt" },
        };
        startInfo.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;
        startInfo.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        startInfo.Environment["NODE_OPTIONS"] = $"--require \"{RepositoryPaths.LoopbackPreload}\"";

        return ChildProcess.Start(name, startInfo);
    }

    /// <summary>Returns the Playground's page address once it serves its configuration.</summary>
    private async Task<Uri> WaitForPlaygroundAsync(ChildProcess playground)
    {
        // The Playground moves to a random port when the requested one is taken, so read the port it reports.
        var port = 0;
        await WaitUntilAsync(playground, "the line \"Listening on <port>\"", () =>
        {
            var match = ListeningLine().Match(playground.Output);
            port = match.Success ? int.Parse(match.Groups["port"].Value) : 0;
            return Task.FromResult(match.Success);
        });

        // The Playground reports its port before it reads the configuration, and it exits when the file is invalid.
        var playgroundUrl = new Uri($"http://127.0.0.1:{port}/");
        await WaitUntilAsync(playground, "a successful GET /_internal/v1/config", () => IsSuccessAsync(new Uri(playgroundUrl, "/_internal/v1/config")));

        return playgroundUrl;
    }

    /// <summary>
    /// Removes inherited variables that would override the bot's Development settings. A developer's
    /// MicrosoftAppId would make the bot reject the Playground's unauthenticated requests. Storage, PartnerCenter
    /// and PartnerCenterSandbox variables could point at a shared database or at the real Partner Center, or make
    /// the sandbox inject random faults.
    /// </summary>
    private static void RemoveBotSettingsFromEnvironment(ProcessStartInfo startInfo)
    {
        var inherited = startInfo.Environment.Keys
            .Where(key => key.StartsWith("MicrosoftApp", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("PartnerBot__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("PartnerCenter__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("PartnerCenterSandbox__", StringComparison.OrdinalIgnoreCase)
                || key.Equals("ASPNETCORE_URLS", StringComparison.OrdinalIgnoreCase))
            .ToList();

        foreach (var key in inherited)
        {
            startInfo.Environment.Remove(key);
        }
    }

    private static int PickFreeLoopbackPort()
    {
        // NOTE: another program can take the port between this check and the bot binding it. The bot then
        // exits during start-up and the fixture fails with its output.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(ChildProcess process, string condition, Func<Task<bool>> isMet)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (await isMet())
            {
                return;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {process.Name} {process.DescribeState()} while the fixture waited for {condition}.");
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Timed out after {StartTimeout.TotalSeconds:0} s waiting for {condition} from the {process.Name}.");
    }

    private async Task<bool> IsHealthyAsync(Uri url)
    {
        try
        {
            return await httpClient.GetStringAsync(url) == "Healthy";
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> IsSuccessAsync(Uri url)
    {
        try
        {
            using var response = await httpClient.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static Task AbortUnlessLoopbackAsync(IRoute route)
    {
        var host = new Uri(route.Request.Url).Host;
        return host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync();
    }

    [GeneratedRegex(@"^stdout: Listening on (?<port>\d+)$", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();
}

/// <summary>Shares one <see cref="PlaygroundFixture"/> among all end-to-end test classes, which then run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Agents Playground";
}

/// <summary>The same bot and Playgrounds with PartnerBot:Backend = Graph, against the Graph sandbox the bot mounts.</summary>
public sealed class GraphPlaygroundFixture : PlaygroundFixture
{
    public override string Backend => "Graph";
}

[CollectionDefinition(Name)]
public sealed class GraphPlaygroundCollection : ICollectionFixture<GraphPlaygroundFixture>
{
    public const string Name = "Agents Playground with Graph";
}
