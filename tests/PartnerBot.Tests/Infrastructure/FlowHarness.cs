using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Conversations;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>A person in the partner tenant, with a Teams id and a personal conversation with the bot.</summary>
public sealed record Person(string Name, Guid ObjectId)
{
    public string TeamsUserId => "29:" + ObjectId.ToString("N");

    public string PersonalConversationId => "a:personal-" + ObjectId.ToString("N");
}

/// <summary>
/// The whole bot over HTTP: PartnerBot in memory, the Partner Center sandbox and a Bot Connector stand-in,
/// both on loopback. Tests act as people by posting activities and read what the bot sent.
/// </summary>
public sealed class FlowHarness : IAsyncDisposable
{
    public static readonly Person Requester = new("Adele Requester", Guid.Parse("0b6f5a2e-8c41-4d7a-b3e9-1f2a6c9d0e11"));
    public static readonly Person SecondRequester = new("Dev Helpdesk", Guid.Parse("9e4c1a7b-3d62-4f08-a5b1-7c2e8d0f5a44"));
    public static readonly Person Approver = new("Bruno Approver", Guid.Parse("3c9e7b1d-2a54-4f86-9d0b-6e8a1c2f4b22"));
    public static readonly Person SecondApprover = new("Chiara Approver", Guid.Parse("5a2d8f6c-7e13-4b9a-8c05-9d4e3b1a6c33"));
    public static readonly Person Stranger = new("Erin Outsider", Guid.Parse("8d3b5e1f-6a27-4c90-b4e8-0f1c2a3d9e66"));

    private WebApplication sandboxApp = null!;

    public ConnectorRecorder Connector { get; private set; } = null!;

    public PartnerCenterSandbox Sandbox { get; private set; } = null!;

    public PartnerBotFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public SandboxCustomer Muller => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.MullerLogistikId))!;

    public static async Task<FlowHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? dataFolder = null)
    {
        var harness = new FlowHarness();
        await harness.InitializeAsync(settings, dataFolder);
        return harness;
    }

    private async Task InitializeAsync(IReadOnlyDictionary<string, string?>? settings, string? dataFolder)
    {
        Connector = await ConnectorRecorder.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPartnerCenterSandbox(new ConfigurationBuilder().Build());
        sandboxApp = builder.Build();
        sandboxApp.MapPartnerCenterSandbox();
        await sandboxApp.StartAsync();
        Sandbox = sandboxApp.Services.GetRequiredService<PartnerCenterSandbox>();

        var values = new Dictionary<string, string?>
        {
            ["PartnerCenter:BaseAddress"] = sandboxApp.Urls.First() + "/",
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["PartnerCenter:AttemptTimeout"] = "00:00:05",
            ["PartnerCenter:TotalTimeout"] = "00:00:20",
            ["PartnerCenter:MaxRetryAttempts"] = "2",
            ["PartnerCenter:RetryBaseDelay"] = "00:00:00.020",
            ["PartnerCenter:MaxRetryDelay"] = "00:00:00.100",
            ["PartnerCenter:MaxRetryAfter"] = "00:00:00.500",
            ["PartnerBot:HelpdeskStaff:0"] = Requester.ObjectId.ToString(),
            ["PartnerBot:HelpdeskStaff:1"] = SecondRequester.ObjectId.ToString(),
            ["PartnerBot:Approvers:0"] = Approver.ObjectId.ToString(),
            ["PartnerBot:Approvers:1"] = SecondApprover.ObjectId.ToString(),
            ["PartnerBot:WorkerInterval"] = "01:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Factory = new PartnerBotFactory(values, services => services.AddSingleton<TimeProvider>(Clock), dataFolder: dataFolder);
        Client = Factory.CreateClient();
    }

    public ResetWorker Worker => Factory.Services.GetRequiredService<ResetWorker>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await sandboxApp.DisposeAsync();
        await Connector.DisposeAsync();
    }

    /// <summary>Finds a user of Müller Logistik that PartnerBot may reset: active, cloud-only, without roles.</summary>
    public SandboxUser PlainUser() => Users(Muller).First(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is null);

    public IEnumerable<SandboxUser> Users(SandboxCustomer customer) =>
        Enumerable.Range(0, customer.UserCount).Select(index => Sandbox.Directory.GetUser(customer, index));

    /// <summary>Posts a message from <paramref name="person"/> in their personal chat, or in <paramref name="conversation"/>.</summary>
    public Task<HttpResponseMessage> SayAsync(Person person, string text, ConversationRef? conversation = null) =>
        Client.PostAsJsonAsync("/api/messages", Activity(person, "message", conversation, activity => activity["text"] = text));

    /// <summary>Clicks an Action.Execute button and returns the invoke response body.</summary>
    public async Task<JsonObject> ClickAsync(Person person, string verb, JsonObject data, ConversationRef? conversation = null, string? cardActivityId = null)
    {
        var activity = Activity(person, "invoke", conversation, activity =>
        {
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            };
            if (cardActivityId is not null)
            {
                activity["replyToId"] = cardActivityId;
            }
        });
        var response = await Client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Activities the bot sent to a conversation, in order.</summary>
    public IReadOnlyList<JsonObject> SentTo(string conversationId) =>
        Connector.SentActivities.Where(activity => activity["conversation"]?["id"]?.GetValue<string>() == conversationId).ToArray();

    /// <summary>Waits until the bot has sent a matching activity, for steps that run after an invoke is answered.</summary>
    public async Task<JsonObject> WaitForSentAsync(string conversationId, Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = SentTo(conversationId).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The bot sent nothing matching to {conversationId}. Sent: {string.Join(" | ", SentTo(conversationId).Select(activity => activity.ToJsonString()))}");
    }

    public static string CardText(JsonObject activity) => activity["attachments"]?[0]?["content"] is { } card ? Json(card) : activity["text"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Serialises a node without escaping non-ASCII letters, so assertions can look for names as written.</summary>
    public static string Json(JsonNode? node) =>
        node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? string.Empty;

    /// <summary>Reads requestId from the first Action.Execute of a card.</summary>
    public static Guid RequestIdOf(JsonNode card) =>
        Guid.Parse(FindActions(card).First()["data"]!["requestId"]!.GetValue<string>());

    public static IEnumerable<JsonObject> FindActions(JsonNode node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() == "Action.Execute" => [obj],
        JsonObject obj => obj.SelectMany(property => property.Value is null ? [] : FindActions(property.Value)),
        JsonArray array => array.SelectMany(item => item is null ? [] : FindActions(item)),
        _ => [],
    };

    public static IReadOnlyList<string> ButtonTitles(JsonNode card) => FindActions(card).Select(action => action["title"]!.GetValue<string>()).ToArray();

    private JsonObject Activity(Person person, string type, ConversationRef? conversation, Action<JsonObject> fill)
    {
        var target = conversation ?? new ConversationRef(person.PersonalConversationId, "personal");
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = Connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.ObjectId.ToString() },
            ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = target.Id,
                ["conversationType"] = target.Type,
                ["tenantId"] = PartnerBotFactory.PartnerTenantId,
                ["isGroup"] = target.Type != "personal",
            },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = PartnerBotFactory.PartnerTenantId } },
        };
        fill(activity);
        return activity;
    }
}

/// <summary>A conversation other than a person's personal chat: "groupChat" or "channel".</summary>
public sealed record ConversationRef(string Id, string Type);
