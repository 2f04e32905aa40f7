using System.Reflection;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>Paths of the repository's files and of the programs that the end-to-end tests start.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that contains PartnerBot.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Debian's chromium package, which scripts/setup --browser installs.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public static string AgentsPlayground => Path.Combine(Root, "node_modules", ".bin", "agentsplayground");

    /// <summary>The Playground configuration whose current user is the helpdesk agent Adele Requester.</summary>
    public static string PlaygroundConfig => Path.Combine(Root, "playground", "helpdesk-agent.yml");

    /// <summary>The Playground configuration whose current user is the approver Bruno Approver.</summary>
    public static string ApproverPlaygroundConfig => Path.Combine(Root, "playground", "approver.yml");

    public static string LoopbackPreload => Path.Combine(Root, "playground", "listen-on-loopback.cjs");

    /// <summary>
    /// PartnerBot.dll built in the same Configuration as this test project. The project file records the
    /// path in assembly metadata at build time.
    /// </summary>
    public static string BotAssembly =>
        typeof(RepositoryPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "PartnerBotAssemblyPath")?.Value
        ?? throw new InvalidOperationException(
            "The test assembly has no PartnerBotAssemblyPath metadata. Build it with dotnet build, which runs the AddPartnerBotAssemblyPath target.");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"PartnerBot.sln was not found in {AppContext.BaseDirectory} or any folder above it. Run the tests from inside the repository.");
    }
}
