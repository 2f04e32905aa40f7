using System.Data.Common;
using System.Text.Json;
using PartnerBot.Resets;

namespace PartnerBot.Storage;

/// <summary>
/// Reset requests in the database. Every change is a compare-and-set on <see cref="ResetRequestRecord.Version"/>
/// and the status read by the caller, so when two instances or two approvers act on the same request at
/// once, exactly one change wins and the others get <c>null</c>.
/// </summary>
public sealed class ResetRequestStore(Database database)
{
    private const string Columns = "id, requester_object_id, conversation_id, status, version, correlation_id, details, created_at, updated_at, expires_at";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task InsertAsync(ResetRequestRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO reset_requests ({Columns}) VALUES (@id, @requester, @conversation, @status, @version, @correlation, @details, @createdAt, @updatedAt, @expiresAt)";
        command.With("@id", record.Id.ToString())
            .With("@requester", record.RequesterObjectId.ToString())
            .With("@conversation", record.ConversationId)
            .With("@status", record.Status.ToString())
            .With("@version", record.Version)
            .With("@correlation", record.CorrelationId.ToString())
            .With("@details", JsonSerializer.Serialize(record.Details, JsonOptions))
            .With("@createdAt", database.ToStoredTime(record.CreatedAt))
            .With("@updatedAt", database.ToStoredTime(record.UpdatedAt))
            .With("@expiresAt", database.ToStoredTime(record.ExpiresAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ResetRequestRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reset_requests WHERE id = @id";
        command.With("@id", id.ToString());
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Returns the requester's request in this conversation that has not reached a final state, if any.</summary>
    public async Task<ResetRequestRecord?> FindOpenAsync(Guid requesterObjectId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var open = OpenStatuses();
        command.CommandText = $"SELECT {Columns} FROM reset_requests WHERE requester_object_id = @requester AND conversation_id = @conversation AND status IN ({string.Join(", ", open.Select((_, index) => $"@s{index}"))}) ORDER BY created_at DESC";
        command.With("@requester", requesterObjectId.ToString()).With("@conversation", conversationId);
        for (var index = 0; index < open.Length; index++)
        {
            command.With($"@s{index}", open[index]);
        }

        return (await ReadAllAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Returns open requests whose expiry time is at or before <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<ResetRequestRecord>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var open = OpenStatuses().Where(status => status != nameof(ResetRequestStatus.Approved) && status != nameof(ResetRequestStatus.Resetting)).ToArray();
        command.CommandText = $"SELECT {Columns} FROM reset_requests WHERE expires_at <= @now AND status IN ({string.Join(", ", open.Select((_, index) => $"@s{index}"))}) ORDER BY expires_at LIMIT @limit";
        command.With("@now", database.ToStoredTime(now)).With("@limit", limit);
        for (var index = 0; index < open.Length; index++)
        {
            command.With($"@s{index}", open[index]);
        }

        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Returns finished requests, most recently changed first, skipping <paramref name="offset"/> of them.</summary>
    public async Task<IReadOnlyList<ResetRequestRecord>> ListFinishedAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        var finished = Enum.GetValues<ResetRequestStatus>().Where(ResetRequestTransitions.IsFinal).Select(status => status.ToString()).ToArray();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reset_requests WHERE status IN ({string.Join(", ", finished.Select((_, index) => $"@s{index}"))}) ORDER BY updated_at DESC, id LIMIT @limit OFFSET @offset";
        command.With("@limit", limit).With("@offset", offset);
        for (var index = 0; index < finished.Length; index++)
        {
            command.With($"@s{index}", finished[index]);
        }

        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>Returns requests in <paramref name="status"/> that have not changed since <paramref name="updatedBefore"/>.</summary>
    public async Task<IReadOnlyList<ResetRequestRecord>> ListStaleAsync(ResetRequestStatus status, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reset_requests WHERE status = @status AND updated_at < @before ORDER BY updated_at LIMIT @limit";
        command.With("@status", status.ToString()).With("@before", database.ToStoredTime(updatedBefore)).With("@limit", limit);
        return await ReadAllAsync(command, cancellationToken);
    }

    /// <summary>
    /// Moves <paramref name="current"/> to <paramref name="status"/> with new details and expiry, unless another
    /// change was stored since it was read. Returns the stored record, or null when another change won.
    /// Throws <see cref="InvalidOperationException"/> when the move itself is not allowed.
    /// </summary>
    public async Task<ResetRequestRecord?> TryMoveAsync(
        ResetRequestRecord current,
        ResetRequestStatus status,
        ResetRequestDetails details,
        DateTimeOffset now,
        DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        if (status != current.Status)
        {
            ResetRequestTransitions.EnsureAllowed(current.Status, status);
        }

        var updated = current with
        {
            Status = status,
            Version = current.Version + 1,
            Details = details,
            UpdatedAt = now,
            ExpiresAt = expiresAt ?? current.ExpiresAt,
        };

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE reset_requests SET status = @status, version = @newVersion, details = @details, updated_at = @updatedAt, expires_at = @expiresAt " +
            "WHERE id = @id AND version = @expectedVersion AND status = @expectedStatus";
        command.With("@status", updated.Status.ToString())
            .With("@newVersion", updated.Version)
            .With("@details", JsonSerializer.Serialize(updated.Details, JsonOptions))
            .With("@updatedAt", database.ToStoredTime(updated.UpdatedAt))
            .With("@expiresAt", database.ToStoredTime(updated.ExpiresAt))
            .With("@id", current.Id.ToString())
            .With("@expectedVersion", current.Version)
            .With("@expectedStatus", current.Status.ToString());

        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        return changed == 1 ? updated : null;
    }

    private static string[] OpenStatuses() => Enum.GetValues<ResetRequestStatus>()
        .Where(status => !ResetRequestTransitions.IsFinal(status))
        .Select(status => status.ToString())
        .ToArray();

    private static async Task<IReadOnlyList<ResetRequestRecord>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<ResetRequestRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new ResetRequestRecord
            {
                Id = Guid.Parse(reader.GetString(0)),
                RequesterObjectId = Guid.Parse(reader.GetString(1)),
                ConversationId = reader.GetString(2),
                Status = Enum.Parse<ResetRequestStatus>(reader.GetString(3)),
                Version = Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                CorrelationId = Guid.Parse(reader.GetString(5)),
                Details = JsonSerializer.Deserialize<ResetRequestDetails>(reader.GetString(6), JsonOptions)!,
                CreatedAt = Database.ReadTime(reader, 7),
                UpdatedAt = Database.ReadTime(reader, 8),
                ExpiresAt = Database.ReadTime(reader, 9),
            });
        }

        return records;
    }
}
