using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// Runs the real PartnerBot host in memory in Development, with every log entry recorded. Tests add
/// settings or replace services through the constructor arguments.
/// </summary>
public sealed class PartnerBotFactory(
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? configureServices = null,
    string environment = "Development",
    string? dataFolder = null) : WebApplicationFactory<Program>
{
    public const string PartnerTenantId = "7d1e2a40-5b8c-4f0e-9a63-2c51d0e4b7aa";
    public const string RequesterObjectId = "0b6f5a2e-8c41-4d7a-b3e9-1f2a6c9d0e11";

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>A temporary folder for the SQLite database, deleted when the factory is disposed.</summary>
    public string DataFolder { get; } = dataFolder ?? Directory.CreateTempSubdirectory("partnerbot-host-").FullName;

    /// <summary>When false, the data folder outlives the factory, so a second host can start on the same database.</summary>
    public bool DeleteDataFolder { get; init; } = dataFolder is null;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (DeleteDataFolder)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(configuration =>
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PartnerBot:PartnerTenantId"] = PartnerTenantId,
                ["Storage:DataFolder"] = DataFolder,
            });
            if (settings is not null)
            {
                configuration.AddInMemoryCollection(settings);
            }
        });
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(services => configureServices?.Invoke(services));
    }
}
