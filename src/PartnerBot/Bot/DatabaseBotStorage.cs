using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PartnerBot.Storage;

namespace PartnerBot.Bot;

/// <summary>
/// Bot Framework's <see cref="IStorage"/> on PartnerBot's database, so that BotState survives restarts and is
/// shared by every instance. Values are stored as JSON without type names: a value reads back as a
/// <c>Dictionary&lt;string, object&gt;</c> whose nested objects are JObjects, which BotState converts to the
/// property types it is asked for. An <see cref="IStoreItem"/> or an "ETag" member gives optimistic
/// concurrency; a stale ETag makes the write throw.
/// </summary>
public sealed class DatabaseBotStorage(DocumentStore documents) : IStorage
{
    private const string ETagMember = "ETag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);

        var stored = await documents.ReadAsync(keys, cancellationToken);
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, document) in stored)
        {
            var json = JObject.Parse(document.Json);
            json[ETagMember] = document.ETag;
            result[key] = json.ToObject<Dictionary<string, object>>(Serializer)!;
        }

        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);

        foreach (var (key, value) in changes)
        {
            var json = JObject.FromObject(value, Serializer);
            var expectedETag = value is IStoreItem item ? item.ETag : json[ETagMember]?.ToString();
            json.Remove(ETagMember);

            string newETag;
            try
            {
                newETag = await documents.WriteAsync(key, json.ToString(Formatting.None), expectedETag, cancellationToken);
            }
            catch (ETagConflictException exception)
            {
                // Bot Framework callers expect an exception whose message reports the ETag conflict.
                throw new InvalidOperationException($"Etag conflict for key '{key}'.", exception);
            }

            if (value is IStoreItem storeItem)
            {
                storeItem.ETag = newETag;
            }
        }
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return documents.DeleteAsync(keys, cancellationToken);
    }
}
