using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PartnerBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Tag of the health checks that /healthz/ready runs.</summary>
    public const string ReadinessTag = "ready";

    /// <summary>
    /// Adds the database chosen by the "Storage" section, the stores on top of it, migrations at start-up
    /// and a readiness check that queries the database.
    /// </summary>
    public static IServiceCollection AddPartnerBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddSingleton(provider => Database.Create(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<ResetRequestStore>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<DocumentStore>();
        services.AddHostedService<MigrationHostedService>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessTag]);
        return services;
    }

    /// <summary>Applies pending migrations before the host starts serving requests.</summary>
    private sealed class MigrationHostedService(MigrationRunner runner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(Database database, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (System.Data.Common.DbException exception)
            {
                Log.DatabaseUnhealthy(logger, exception, database.Provider.ToString());
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
        }
    }
}
