using PartnerBot.Commands;
using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>Keeps the personal conversation of each person who writes to the bot, so it can reach them privately later.</summary>
public sealed class PersonalConversationTracker(ConversationStore store)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ConversationAddress> known = new();

    public async Task TrackAsync(ChatUser user, ConversationAddress address, CancellationToken cancellationToken)
    {
        if (address.Kind != ConversationKind.Personal || user.ObjectId is not { } objectId || string.IsNullOrEmpty(user.TeamsUserId))
        {
            return;
        }

        if (known.TryGetValue(objectId, out var previous) && previous == address)
        {
            return;
        }

        await store.SavePersonalConversationAsync(new PersonalConversation(objectId, user.TeamsUserId, address), cancellationToken);
        known[objectId] = address;
    }
}
