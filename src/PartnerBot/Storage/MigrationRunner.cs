using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PartnerBot.Storage;

/// <summary>
/// Applies the versioned SQL scripts embedded under Storage/Migrations/{provider}/NNNN_name.sql, in order,
/// each in its own transaction, and records them in schema_migrations. Several instances starting at once
/// are serialised: PostgreSQL by an advisory lock, SQLite by BEGIN IMMEDIATE.
/// </summary>
public sealed partial class MigrationRunner(Database database, ILogger<MigrationRunner> logger)
{
    // Any fixed number works; it only has to be the same for every PartnerBot instance.
    private const long PostgreSqlLockKey = 0x5061_7274_6E65_72;

    /// <summary>How long an instance waits for another instance's migration before it gives up.</summary>
    private static readonly TimeSpan MigrationLockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Migrations embedded for the configured provider, ordered by version.</summary>
    public IReadOnlyList<(int Version, string Name)> Available => LoadScripts().Select(script => (script.Version, script.Name)).ToArray();

    /// <summary>Applies every migration that the database does not have yet and returns how many were applied.</summary>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", cancellationToken);

        var applied = 0;
        foreach (var script in LoadScripts())
        {
            await using var transaction = await BeginExclusiveAsync(connection, cancellationToken);

            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @version";
                check.With("@version", script.Version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @appliedAt)";
                record.With("@version", script.Version).With("@name", script.Name).With("@appliedAt", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Log.MigrationApplied(logger, script.Version, script.Name, database.Provider.ToString());
            applied++;
        }

        return applied;
    }

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            // BEGIN IMMEDIATE takes the write lock up front, so two processes cannot both decide a migration is missing.
            return ((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Another instance may be migrating; wait for it rather than fail on the default 30-second command timeout.
        await using var lockCommand = connection.CreateCommand();
        lockCommand.Transaction = transaction;
        lockCommand.CommandText = $"SELECT pg_advisory_xact_lock({PostgreSqlLockKey})";
        lockCommand.CommandTimeout = (int)MigrationLockTimeout.TotalSeconds;
        await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private IEnumerable<(int Version, string Name, string Sql)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var prefix = $"PartnerBot.Storage.Migrations.{database.Provider}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name =>
            {
                var match = ScriptName().Match(name[prefix.Length..]);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Migration resource '{name}' must be named NNNN_name.sql.");
                }

                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd());
            })
            .OrderBy(script => script.Item1)
            .ToArray();
    }

    [GeneratedRegex(@"^_?(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
