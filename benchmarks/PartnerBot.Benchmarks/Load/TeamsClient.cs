using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.Benchmarks.Load;

/// <summary>A person in the partner tenant, with a Teams id and a personal chat with the bot.</summary>
internal sealed record TeamsUser(string Name, Guid ObjectId)
{
    public string TeamsUserId => "29:" + ObjectId.ToString("N");

    public TeamsConversation PersonalChat => new("a:personal-" + ObjectId.ToString("N"), "personal");

    /// <summary>Returns <paramref name="count"/> people named "{prefix} {n}" with object ids made from <paramref name="seed"/> and n.</summary>
    public static IReadOnlyList<TeamsUser> Numbered(string prefix, int seed, int count) =>
        Enumerable.Range(1, count)
            .Select(number => new TeamsUser($"{prefix} {number}", new Guid(seed, (short)(number >> 16), (short)number, 0xB, 0xE, 0x4C, 0x4F, 0xAD, 0x00, 0x00, 0x01)))
            .ToArray();
}

/// <summary>A Teams conversation: "personal", "groupChat" or "channel".</summary>
internal sealed record TeamsConversation(string Id, string Type)
{
    public static TeamsConversation NewGroupChat() => new($"19:load-{Guid.NewGuid():N}@thread.v2", "groupChat");
}

/// <summary>
/// Acts as Teams towards a bot's /api/messages over HTTP: builds message and Action.Execute invoke activities
/// from the partner tenant and posts them without authentication, as Development and the echo bot accept.
/// </summary>
internal sealed class TeamsClient(HttpClient http, Uri messagesEndpoint, string serviceUrl, string tenantId)
{
    public Uri MessagesEndpoint => messagesEndpoint;

    /// <summary>Posts a message and returns the HTTP status; the bot has sent its replies when this returns.</summary>
    public async Task<int> SayAsync(TeamsUser person, string text, TeamsConversation? conversation = null, CancellationToken cancellationToken = default)
    {
        var activity = Activity(person, "message", conversation ?? person.PersonalChat);
        activity["text"] = text;
        using var response = await http.PostAsJsonAsync(messagesEndpoint, activity, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Clicks an Action.Execute button and returns the invoke response body; throws on an HTTP error status.</summary>
    public async Task<InvokeAnswer> ClickAsync(TeamsUser person, string verb, JsonObject data, TeamsConversation? conversation = null, CancellationToken cancellationToken = default)
    {
        var activity = Activity(person, "invoke", conversation ?? person.PersonalChat);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        using var response = await http.PostAsJsonAsync(messagesEndpoint, activity, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{verb} returned HTTP {(int)response.StatusCode}: {text}");
        }

        return new InvokeAnswer(JsonNode.Parse(text)!.AsObject());
    }

    public JsonObject Activity(TeamsUser person, string type, TeamsConversation conversation) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.ObjectId.ToString() },
        ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversation.Id,
            ["conversationType"] = conversation.Type,
            ["tenantId"] = tenantId,
            ["isGroup"] = conversation.Type != "personal",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };
}

/// <summary>The body of an invoke response: an updated card, or one sentence that leaves the card as it was.</summary>
internal sealed record InvokeAnswer(JsonObject Body)
{
    private const string MessageType = "application/vnd.microsoft.activity.message";

    /// <summary>True when the bot responded with one sentence instead of a card.</summary>
    public bool IsSentence => Body["type"]?.GetValue<string>() == MessageType;

    /// <summary>The sentence, or the card JSON.</summary>
    public string Text => IsSentence ? Body["value"]?.GetValue<string>() ?? string.Empty : Body["value"]?.ToJsonString() ?? string.Empty;

    public bool Contains(string expected) => Text.Contains(expected, StringComparison.Ordinal);
}
