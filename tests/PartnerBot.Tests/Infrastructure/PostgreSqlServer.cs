using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1 with its data in a temporary folder, started from Debian's
/// postgresql package (scripts/setup installs it). PostgreSQL refuses to run as root, so under root the
/// server runs as the postgres user.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private readonly string binFolder;
    private readonly string dataFolder;
    private readonly bool runAsPostgres;

    private PostgreSqlServer(string binFolder, string dataFolder, int port, bool runAsPostgres)
    {
        this.binFolder = binFolder;
        this.dataFolder = dataFolder;
        this.runAsPostgres = runAsPostgres;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostgreSqlServer> StartAsync()
    {
        var binFolder = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin")).Where(Directory.Exists).Order().LastOrDefault()
            : null;
        if (binFolder is null)
        {
            throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql. Run scripts/setup, which installs Debian's postgresql package.");
        }

        var runAsPostgres = Environment.UserName == "root";
        var dataFolder = Directory.CreateTempSubdirectory("partnerbot-postgres-").FullName;
        if (runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", dataFolder], asPostgres: false);
        }

        var port = FindFreePort();
        var server = new PostgreSqlServer(binFolder, dataFolder, port, runAsPostgres);
        await server.RunToolAsync("initdb", ["-D", Path.Combine(dataFolder, "cluster"), "-U", "partnerbot", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        await server.RunToolAsync("pg_ctl", ["-D", Path.Combine(dataFolder, "cluster"), "-l", Path.Combine(dataFolder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dataFolder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "partnerbot_" + Guid.NewGuid().ToString("N")[..12];
        await RunToolAsync("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "partnerbot", name]);
        return $"Host=127.0.0.1;Port={Port};Username=partnerbot;Database={name};Pooling=true;Maximum Pool Size=50";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunToolAsync("pg_ctl", ["-D", Path.Combine(dataFolder, "cluster"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(binFolder, tool), arguments, runAsPostgres);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var startInfo = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(fileName);
        if (asPostgres)
        {
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add("postgres");
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
