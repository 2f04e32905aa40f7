namespace PartnerBot.Storage;

/// <summary>A stored JSON document and the ETag it was written with.</summary>
public sealed record StoredDocument(string Json, string ETag);

/// <summary>A write whose expected ETag no longer matches the stored one.</summary>
public sealed class ETagConflictException(string key) : Exception($"The document '{key}' was changed by another writer. Read it again and retry.");

/// <summary>
/// JSON documents by key with optimistic concurrency, the storage behind Bot Framework's IStorage.
/// A write that names an ETag succeeds only while the stored document still has that ETag.
/// </summary>
public sealed class DocumentStore(Database database)
{
    public const string AnyETag = "*";

    public async Task<IReadOnlyDictionary<string, StoredDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = keys.Select((_, index) => $"@k{index}").ToArray();
        command.CommandText = $"SELECT state_key, etag, document FROM bot_state WHERE state_key IN ({string.Join(", ", names)})";
        var position = 0;
        foreach (var key in keys)
        {
            command.With(names[position++], key);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = new StoredDocument(reader.GetString(2), reader.GetString(1));
        }

        return found;
    }

    /// <summary>
    /// Writes <paramref name="json"/> under <paramref name="key"/> and returns the new ETag. With an
    /// <paramref name="expectedETag"/> other than null or "*", throws <see cref="ETagConflictException"/>
    /// when the stored document has another ETag or was deleted.
    /// </summary>
    public async Task<string> WriteAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        var newETag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        if (string.IsNullOrEmpty(expectedETag) || expectedETag == AnyETag)
        {
            command.CommandText = "INSERT INTO bot_state (state_key, etag, document) VALUES (@key, @etag, @document) " +
                "ON CONFLICT (state_key) DO UPDATE SET etag = excluded.etag, document = excluded.document";
            command.With("@key", key).With("@etag", newETag).With("@document", json);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return newETag;
        }

        command.CommandText = "UPDATE bot_state SET etag = @etag, document = @document WHERE state_key = @key AND etag = @expected";
        command.With("@key", key).With("@etag", newETag).With("@document", json).With("@expected", expectedETag);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ETagConflictException(key);
        }

        return newETag;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = keys.Select((_, index) => $"@k{index}").ToArray();
        command.CommandText = $"DELETE FROM bot_state WHERE state_key IN ({string.Join(", ", names)})";
        var position = 0;
        foreach (var key in keys)
        {
            command.With(names[position++], key);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
