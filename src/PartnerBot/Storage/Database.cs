using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PartnerBot.Storage;

/// <summary>
/// Opens connections to the configured database. SQL that differs between SQLite and PostgreSQL is chosen
/// through <see cref="Provider"/>; everything else is plain parameterised SQL shared by both.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly DbDataSource dataSource;

    private Database(StorageProvider provider, DbDataSource dataSource)
    {
        Provider = provider;
        this.dataSource = dataSource;
    }

    public StorageProvider Provider { get; }

    public static Database Create(StorageOptions options)
    {
        if (options.Provider == StorageProvider.PostgreSql)
        {
            return new Database(StorageProvider.PostgreSql, NpgsqlDataSource.Create(options.ConnectionString!));
        }

        var folder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "partnerbot.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        return new Database(StorageProvider.Sqlite, new SqliteDataSource(connectionString));
    }

    /// <summary>Opens a connection. SQLite connections use write-ahead logging and wait up to 30 s for a lock.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (Provider == StorageProvider.Sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    /// <summary>
    /// Converts a time to its stored form: a timestamptz for PostgreSQL, and for SQLite an ISO 8601 UTC
    /// string of fixed width, so that text comparison orders times correctly.
    /// </summary>
    public object ToStoredTime(DateTimeOffset time) =>
        Provider == StorageProvider.PostgreSql ? time.ToUniversalTime() : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
            _ => throw new InvalidCastException($"Column {reader.GetName(ordinal)} contains a {value.GetType().Name}, expected a time."),
        };
    }

    /// <summary>A DbDataSource over Microsoft.Data.Sqlite, which does not ship one.</summary>
    private sealed class SqliteDataSource(string connectionString) : DbDataSource
    {
        public override string ConnectionString => connectionString;

        protected override DbConnection CreateDbConnection() => new SqliteConnection(connectionString);
    }
}

public static class DbCommandExtensions
{
    /// <summary>Adds a named parameter; null becomes DBNull.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
