using System.Data.Common;

namespace PartnerBot.Storage;

/// <summary>One step of a reset request as recorded in the audit trail. It has no field for secrets.</summary>
public sealed record AuditEvent
{
    /// <summary>Position in the trail, assigned by the database; 0 before the event is stored.</summary>
    public long Sequence { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required Guid RequestId { get; init; }

    public required Guid CorrelationId { get; init; }

    /// <summary>What happened, for example "requested", "approved", "rejected", "reset", "failed".</summary>
    public required string Action { get; init; }

    public required Guid ActorObjectId { get; init; }

    public string? CustomerId { get; init; }

    public string? UserId { get; init; }

    /// <summary>The result of the step; for "approved" and "rejected", the approver's comment.</summary>
    public string? Outcome { get; init; }

    /// <summary>The requester's reason, such as a ticket number.</summary>
    public string? Details { get; init; }
}

/// <summary>The append-only audit trail. The database rejects updates; rows leave only through retention.</summary>
public sealed class AuditTrail(Database database)
{
    private const string Columns = "sequence, occurred_at, request_id, correlation_id, action, actor_object_id, customer_id, user_id, outcome, details";

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_events (occurred_at, request_id, correlation_id, action, actor_object_id, customer_id, user_id, outcome, details) " +
            "VALUES (@occurredAt, @requestId, @correlationId, @action, @actor, @customerId, @userId, @outcome, @details)";
        command.With("@occurredAt", database.ToStoredTime(auditEvent.OccurredAt))
            .With("@requestId", auditEvent.RequestId.ToString())
            .With("@correlationId", auditEvent.CorrelationId.ToString())
            .With("@action", auditEvent.Action)
            .With("@actor", auditEvent.ActorObjectId.ToString())
            .With("@customerId", auditEvent.CustomerId)
            .With("@userId", auditEvent.UserId)
            .With("@outcome", auditEvent.Outcome)
            .With("@details", auditEvent.Details);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Returns up to <paramref name="limit"/> events, newest first. Pass the smallest sequence of the previous
    /// page as <paramref name="beforeSequence"/> to read the next page.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> ListLatestAsync(int limit, long? beforeSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_events WHERE sequence < @before ORDER BY sequence DESC LIMIT @limit";
        command.With("@before", beforeSequence ?? long.MaxValue).With("@limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Returns events from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ListRangeAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_events WHERE occurred_at >= @from AND occurred_at < @to ORDER BY sequence LIMIT @limit";
        command.With("@from", database.ToStoredTime(from)).With("@to", database.ToStoredTime(to)).With("@limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Deletes events older than <paramref name="cutoff"/> and returns how many were deleted.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_events WHERE occurred_at < @cutoff";
        command.With("@cutoff", database.ToStoredTime(cutoff));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<AuditEvent>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AuditEvent
            {
                Sequence = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                OccurredAt = Database.ReadTime(reader, 1),
                RequestId = Guid.Parse(reader.GetString(2)),
                CorrelationId = Guid.Parse(reader.GetString(3)),
                Action = reader.GetString(4),
                ActorObjectId = Guid.Parse(reader.GetString(5)),
                CustomerId = reader.IsDBNull(6) ? null : reader.GetString(6),
                UserId = reader.IsDBNull(7) ? null : reader.GetString(7),
                Outcome = reader.IsDBNull(8) ? null : reader.GetString(8),
                Details = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return events;
    }
}
