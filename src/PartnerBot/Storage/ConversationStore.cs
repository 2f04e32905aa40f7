using System.Text.Json;
using PartnerBot.Conversations;

namespace PartnerBot.Storage;

/// <summary>A card sent about a request, and who it was for.</summary>
public sealed record RequestCard(Guid RequestId, RequestCardRole Role, ConversationAddress Address, string ActivityId);

public enum RequestCardRole
{
    /// <summary>The prompt card in the conversation where the requester started the request.</summary>
    Requester,

    /// <summary>A copy of the approval card, in an approver's personal chat or the approvals channel.</summary>
    Approval,
}

/// <summary>A private message that contains a password and must be edited when <see cref="DueAt"/> passes.</summary>
public sealed record ScheduledRemoval(string ActivityId, Guid RequestId, ConversationAddress Address, DateTimeOffset DueAt);

/// <summary>A person's personal conversation with the bot.</summary>
public sealed record PersonalConversation(Guid UserObjectId, string TeamsUserId, ConversationAddress Address);

/// <summary>
/// Conversation data that must survive a restart: personal conversations, the cards sent per request,
/// pending password removals and single settings such as the approvals channel.
/// </summary>
public sealed class ConversationStore(Database database, TimeProvider timeProvider)
{
    private const string ApprovalsChannelSetting = "approvals-channel";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task SavePersonalConversationAsync(PersonalConversation conversation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO personal_conversations (user_object_id, teams_user_id, address, updated_at) VALUES (@user, @teamsUser, @address, @updatedAt) " +
            "ON CONFLICT (user_object_id) DO UPDATE SET teams_user_id = excluded.teams_user_id, address = excluded.address, updated_at = excluded.updated_at";
        command.With("@user", conversation.UserObjectId.ToString())
            .With("@teamsUser", conversation.TeamsUserId)
            .With("@address", Serialize(conversation.Address))
            .With("@updatedAt", database.ToStoredTime(timeProvider.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PersonalConversation?> FindPersonalConversationAsync(Guid userObjectId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT teams_user_id, address FROM personal_conversations WHERE user_object_id = @user";
        command.With("@user", userObjectId.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new PersonalConversation(userObjectId, reader.GetString(0), Deserialize<ConversationAddress>(reader.GetString(1)))
            : null;
    }

    public async Task AddRequestCardAsync(RequestCard card, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO request_cards (request_id, role, address, activity_id) VALUES (@request, @role, @address, @activity) ON CONFLICT (request_id, activity_id) DO NOTHING";
        command.With("@request", card.RequestId.ToString())
            .With("@role", card.Role.ToString())
            .With("@address", Serialize(card.Address))
            .With("@activity", card.ActivityId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RequestCard>> ListRequestCardsAsync(Guid requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, address, activity_id FROM request_cards WHERE request_id = @request ORDER BY activity_id";
        command.With("@request", requestId.ToString());
        var cards = new List<RequestCard>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(new RequestCard(requestId, Enum.Parse<RequestCardRole>(reader.GetString(0)), Deserialize<ConversationAddress>(reader.GetString(1)), reader.GetString(2)));
        }

        return cards;
    }

    public async Task ScheduleRemovalAsync(ScheduledRemoval removal, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO scheduled_removals (activity_id, request_id, address, due_at) VALUES (@activity, @request, @address, @dueAt) ON CONFLICT (activity_id) DO NOTHING";
        command.With("@activity", removal.ActivityId)
            .With("@request", removal.RequestId.ToString())
            .With("@address", Serialize(removal.Address))
            .With("@dueAt", database.ToStoredTime(removal.DueAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledRemoval>> ListDueRemovalsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT activity_id, request_id, address, due_at FROM scheduled_removals WHERE due_at <= @now ORDER BY due_at LIMIT @limit";
        command.With("@now", database.ToStoredTime(now)).With("@limit", limit);
        var removals = new List<ScheduledRemoval>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            removals.Add(new ScheduledRemoval(reader.GetString(0), Guid.Parse(reader.GetString(1)), Deserialize<ConversationAddress>(reader.GetString(2)), Database.ReadTime(reader, 3)));
        }

        return removals;
    }

    /// <summary>Deletes a removal once done. Returns false when another instance deleted it first.</summary>
    public async Task<bool> CompleteRemovalAsync(string activityId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM scheduled_removals WHERE activity_id = @activity";
        command.With("@activity", activityId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetApprovalsChannelAsync(ConversationAddress address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        command.With("@name", ApprovalsChannelSetting).With("@value", Serialize(address));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ConversationAddress?> FindApprovalsChannelAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE name = @name";
        command.With("@name", ApprovalsChannelSetting);
        var value = await command.ExecuteScalarAsync(cancellationToken) as string;
        return value is null ? null : Deserialize<ConversationAddress>(value);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonOptions)!;
}
