using Microsoft.Extensions.Options;

namespace PartnerBot.ResetClient.Graph;

/// <summary>
/// A reset that the Graph backend has started: its target, the user's last password change time read before the
/// first PATCH, and whether the reset is known to be applied.
/// </summary>
public sealed record GraphResetEntry(
    Guid RequestId, string CustomerId, string UserId, DateTimeOffset? PasswordChangedBefore, bool Completed);

/// <summary>
/// Resets by request id, kept in memory so that a resent request id is not applied twice. Graph itself has no
/// idempotency key for <c>PATCH /users/{id}</c>. The oldest entry is dropped first beyond
/// <see cref="GraphOptions.MaxRememberedResets"/>.
/// </summary>
public sealed class GraphResetLedger(IOptions<GraphOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, GraphResetEntry> _entries = [];
    private readonly Queue<Guid> _order = new();

    public GraphResetEntry? Find(Guid requestId)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(requestId);
        }
    }

    public void Remember(GraphResetEntry entry)
    {
        lock (_lock)
        {
            if (_entries.TryAdd(entry.RequestId, entry))
            {
                _order.Enqueue(entry.RequestId);
                while (_order.Count > options.Value.MaxRememberedResets)
                {
                    _entries.Remove(_order.Dequeue());
                }
            }
            else
            {
                _entries[entry.RequestId] = entry;
            }
        }
    }

    public void MarkCompleted(Guid requestId)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(requestId, out var entry))
            {
                _entries[requestId] = entry with { Completed = true };
            }
        }
    }
}
