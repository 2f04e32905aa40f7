using Microsoft.Extensions.Options;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>
/// The users of one customer read so far while searching by name, and where paging stopped. Partner Center cannot
/// filter users by name, so a search reads pages until it has enough matches. The next search starts with the
/// users read before and continues paging from the same place.
/// </summary>
internal sealed class UserIndex(DateTimeOffset createdAt)
{
    /// <summary>Held while a search reads or extends this index, so concurrent searches do not page twice.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset LastUsedAt { get; set; } = createdAt;

    /// <summary>Users in directory order, without gaps: always whole pages, starting at the first.</summary>
    public List<DirectoryUser> Users { get; } = [];

    /// <summary>The next page to read after <see cref="Users"/>; null before the first page and after the last.</summary>
    public ContinuationState? NextPage { get; set; }

    public bool FirstPageRead { get; set; }

    public bool IsComplete => FirstPageRead && NextPage is null;
}

/// <summary>
/// A few customers' user indexes, each reused for <see cref="PartnerCenterOptions.UserIndexTimeToLive"/> after it
/// was created. When <see cref="PartnerCenterOptions.UserIndexMaxCustomers"/> is reached, the least recently used
/// index is dropped.
/// </summary>
internal sealed class UserIndexCache(IOptions<PartnerCenterOptions> options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserIndex> _indexes = new(StringComparer.OrdinalIgnoreCase);

    public UserIndex GetOrCreate(string customerId)
    {
        var now = timeProvider.GetUtcNow();
        var settings = options.Value;

        lock (_lock)
        {
            if (_indexes.TryGetValue(customerId, out var index) && now - index.CreatedAt < settings.UserIndexTimeToLive)
            {
                index.LastUsedAt = now;
                return index;
            }

            _indexes.Remove(customerId);
            while (_indexes.Count >= settings.UserIndexMaxCustomers)
            {
                var leastRecentlyUsed = _indexes.MinBy(pair => pair.Value.LastUsedAt).Key;
                _indexes.Remove(leastRecentlyUsed);
            }

            index = new UserIndex(now);
            _indexes[customerId] = index;
            return index;
        }
    }

    public void Remove(string customerId)
    {
        lock (_lock)
        {
            _indexes.Remove(customerId);
        }
    }
}
