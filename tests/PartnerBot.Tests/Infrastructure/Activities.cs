using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>Builds activities shaped like the ones Teams posts to /api/messages.</summary>
public static class Activities
{
    public static JsonObject Message(
        string serviceUrl,
        string text,
        string tenantId = PartnerBotFactory.PartnerTenantId,
        string conversationType = "personal",
        string fromObjectId = PartnerBotFactory.RequesterObjectId,
        JsonArray? entities = null) => new()
        {
            ["type"] = "message",
            ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = "29:teams-user-" + fromObjectId, ["name"] = "Adele Requester", ["aadObjectId"] = fromObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = $"conversation-{conversationType}-{fromObjectId}",
                ["conversationType"] = conversationType,
                ["tenantId"] = tenantId,
                ["isGroup"] = conversationType != "personal",
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
            ["text"] = text,
            ["entities"] = entities ?? [],
        };

    public static JsonObject InstallationAdded(string serviceUrl, string conversationType = "personal")
    {
        var activity = Message(serviceUrl, string.Empty, conversationType: conversationType);
        activity["type"] = "installationUpdate";
        activity["action"] = "add";
        activity.Remove("text");
        return activity;
    }

    public static JsonObject CardAction(string serviceUrl, string verb, JsonObject? data = null)
    {
        var activity = Message(serviceUrl, string.Empty);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? [] },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject activity) =>
        client.PostAsJsonAsync("/api/messages", activity);

    /// <summary>Returns the text of a sent activity, or of the first TextBlock of its Adaptive Card.</summary>
    public static string ReadText(JsonObject activity) => activity["text"]?.GetValue<string>() ?? string.Empty;

    public static JsonObject? ReadCard(JsonObject activity) =>
        activity["attachments"]?.AsArray().FirstOrDefault()?["content"] as JsonObject;
}
