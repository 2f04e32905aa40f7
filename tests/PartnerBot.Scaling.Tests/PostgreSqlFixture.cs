using Npgsql;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Scaling.Tests;

/// <summary>One throwaway PostgreSQL server for every test in <see cref="PostgreSqlCollection"/>. Each test creates its own database.</summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private PostgreSqlServer server = null!;

    public async Task InitializeAsync() => server = await PostgreSqlServer.StartAsync();

    public Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// Reads and adjusts rows that the bot processes wrote to a PostgreSQL database, with the column names of the
/// bot's migrations, to check the outcome of a request and to age it for the worker's takeover rules.
/// </summary>
internal sealed class StoredRequests(string connectionString)
{
    public async Task<string?> StatusAsync(Guid requestId) =>
        await ScalarAsync("SELECT status FROM reset_requests WHERE id = @id", requestId) as string;

    public async Task<Guid> CorrelationIdAsync(Guid requestId) =>
        Guid.Parse((string)(await ScalarAsync("SELECT correlation_id FROM reset_requests WHERE id = @id", requestId))!);

    /// <summary>Returns the outcome sentence stored in the request's details, or null when there is none.</summary>
    public async Task<string?> OutcomeAsync(Guid requestId) =>
        await ScalarAsync("SELECT details::json ->> 'outcome' FROM reset_requests WHERE id = @id", requestId) as string;

    /// <summary>Counts the audit events of one request with an action such as "approved" or "reset".</summary>
    public async Task<long> AuditCountAsync(Guid requestId, string action)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM audit_events WHERE request_id = @id AND action = @action", connection);
        command.Parameters.AddWithValue("id", requestId.ToString());
        command.Parameters.AddWithValue("action", action);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Moves the request's last change back in time, as if it had been idle that long, so that a worker's
    /// "unchanged for N minutes" rule applies without waiting N minutes. Returns false when the request is not in
    /// <paramref name="expectedStatus"/> any more.
    /// </summary>
    public async Task<bool> AgeAsync(Guid requestId, string expectedStatus, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE reset_requests SET updated_at = updated_at - @age WHERE id = @id AND status = @status", connection);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("id", requestId.ToString());
        command.Parameters.AddWithValue("status", expectedStatus);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Polls every 100 ms until the request reaches <paramref name="status"/>, and returns the last status read.</summary>
    public async Task<string?> WaitForStatusAsync(Guid requestId, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? current;
        do
        {
            current = await StatusAsync(requestId);
            if (current == status)
            {
                return current;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        return current;
    }

    private async Task<object?> ScalarAsync(string sql, Guid requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", requestId.ToString());
        return await command.ExecuteScalarAsync();
    }
}
