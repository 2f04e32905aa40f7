using System.Globalization;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PartnerBot.Scaling.Tests;

/// <summary>
/// The pieces that several PartnerBot processes share: the Partner Center sandbox and a Bot Connector stand-in,
/// both in this test process on 127.0.0.1, and an HTTP client that acts as Teams towards any bot process.
/// Disposing it writes every bot's output to the test output, which runners show for failed tests, and kills
/// the bots that still run.
/// </summary>
internal sealed class ScalingHarness : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ITestOutputHelper output;
    private readonly List<BotProcess> bots = [];
    private WebApplication sandboxApp = null!;

    private ScalingHarness(ITestOutputHelper output)
    {
        this.output = output;
    }

    public PartnerCenterSandbox Sandbox { get; private set; } = null!;

    public ConnectorRecorder Connector { get; private set; } = null!;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string SandboxUrl { get; private set; } = string.Empty;

    public static async Task<ScalingHarness> StartAsync(ITestOutputHelper output)
    {
        var harness = new ScalingHarness(output);
        harness.Connector = await ConnectorRecorder.StartAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPartnerCenterSandbox(new ConfigurationBuilder().Build());
        harness.sandboxApp = builder.Build();
        harness.sandboxApp.MapPartnerCenterSandbox();
        await harness.sandboxApp.StartAsync();
        harness.Sandbox = harness.sandboxApp.Services.GetRequiredService<PartnerCenterSandbox>();
        harness.SandboxUrl = harness.sandboxApp.Urls.First().TrimEnd('/') + "/";
        return harness;
    }

    /// <summary>
    /// Starts a bot process against the shared sandbox with the demo staff, a worker pass every second, and
    /// <paramref name="storage"/> (keys of the "Storage" section, such as "Storage:Provider").
    /// </summary>
    public async Task<BotProcess> StartBotAsync(string name, IReadOnlyDictionary<string, string> storage)
    {
        var settings = new Dictionary<string, string>(storage)
        {
            ["PartnerCenter:BaseAddress"] = SandboxUrl,
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["PartnerCenter:RetryBaseDelay"] = "00:00:00.050",
            ["PartnerCenter:MaxRetryDelay"] = "00:00:00.200",
            ["PartnerBot:PartnerTenantId"] = People.PartnerTenantId,
            ["PartnerBot:HelpdeskStaff:0"] = People.Requester.ObjectId.ToString(),
            ["PartnerBot:HelpdeskStaff:1"] = People.SecondRequester.ObjectId.ToString(),
            ["PartnerBot:Approvers:0"] = People.Approver.ObjectId.ToString(),
            ["PartnerBot:Approvers:1"] = People.SecondApprover.ObjectId.ToString(),
            ["PartnerBot:WorkerInterval"] = "00:00:01",
        };

        var bot = await BotProcess.StartAsync(name, settings, Client);
        lock (bots)
        {
            bots.Add(bot);
        }

        return bot;
    }

    /// <summary>Posts a message from <paramref name="person"/> to one bot, in their personal chat unless a conversation is given.</summary>
    public async Task SayAsync(BotProcess bot, Person person, string text, Conversation? conversation = null)
    {
        var activity = Activity(person, "message", conversation ?? person.PersonalChat);
        activity["text"] = text;
        using var response = await Client.PostAsJsonAsync(bot.MessagesEndpoint, activity);
        await EnsureSuccessAsync(bot, response);
    }

    /// <summary>Builds the invoke activity of an Action.Execute click, so that the same click can go to several bots.</summary>
    public JsonObject Click(Person person, string verb, JsonObject data, Conversation conversation)
    {
        var activity = Activity(person, "invoke", conversation);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>Posts an invoke activity to one bot and returns the invoke response body.</summary>
    public async Task<JsonObject> InvokeAsync(BotProcess bot, JsonObject invoke)
    {
        using var response = await Client.PostAsJsonAsync(bot.MessagesEndpoint, invoke);
        await EnsureSuccessAsync(bot, response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public Task<JsonObject> ClickAsync(BotProcess bot, Person person, string verb, JsonObject data, Conversation conversation) =>
        InvokeAsync(bot, Click(person, verb, data, conversation));

    /// <summary>
    /// Walks <paramref name="requester"/> from "reset password" to "Waiting for approval." in
    /// <paramref name="conversation"/>, sending each step to the next bot of <paramref name="steps"/> in turn,
    /// and returns the request id.
    /// </summary>
    public async Task<Guid> RequestApprovalAsync(IReadOnlyList<BotProcess> steps, Person requester, SandboxCustomer customer, SandboxUser target, Conversation conversation)
    {
        var step = 0;
        BotProcess NextBot() => steps[step++ % steps.Count];

        await SayAsync(NextBot(), requester, "reset password", conversation);
        var searchCard = await WaitForSentAsync(conversation, activity => FindRequestId(activity) is not null);
        var requestId = FindRequestId(searchCard)!.Value;

        // By domain, because a query with a dot is searched as a domain and some company names end in "Co.".
        var customers = await ClickAsync(NextBot(), requester, CardVerbs.CustomerSearch, Data(requestId, "customerQuery", customer.Domain), conversation);
        ExpectInResponse(customers, customer.Id.ToString(), "The customer search did not list the customer.");

        var userSearch = await ClickAsync(NextBot(), requester, CardVerbs.CustomerPick, Data(requestId, "customerId", customer.Id.ToString()), conversation);
        ExpectInResponse(userSearch, "choose the user", "Picking the customer did not show the user search.");

        var users = await ClickAsync(NextBot(), requester, CardVerbs.UserSearch, Data(requestId, "userQuery", target.UserPrincipalName), conversation);
        ExpectInResponse(users, target.Id.ToString(), "The user search did not list the target user.");

        var confirm = await ClickAsync(NextBot(), requester, CardVerbs.UserPick, Data(requestId, "userId", target.Id.ToString()), conversation);
        ExpectInResponse(confirm, "Request approval", "Picking the user did not show the confirmation.");

        var waiting = await ClickAsync(NextBot(), requester, CardVerbs.Submit, Data(requestId, "reason", "Ticket 4711"), conversation);
        ExpectInResponse(waiting, "Waiting for approval.", "Submitting did not ask for approval.");
        return requestId;
    }

    /// <summary>Builds Action.Execute data with the request id and one more value.</summary>
    public static JsonObject Data(Guid requestId, string key, string value) =>
        new() { ["requestId"] = requestId.ToString(), [key] = value };

    public static JsonObject ApproveData(Guid requestId) => new() { ["requestId"] = requestId.ToString() };

    /// <summary>Private messages with a temporary password for <paramref name="target"/> sent to the requester's personal chat.</summary>
    public IReadOnlyList<JsonObject> PasswordMessages(Person requester, SandboxUser target) =>
        SentTo(requester.PersonalChat)
            .Where(activity => activity["text"]?.GetValue<string>().StartsWith($"Temporary password for {target.UserPrincipalName} (", StringComparison.Ordinal) == true)
            .ToArray();

    public Task<JsonObject> WaitForPasswordAsync(Person requester, SandboxUser target, TimeSpan? timeout = null) =>
        WaitForAsync(() => PasswordMessages(requester, target).FirstOrDefault(), timeout, $"no password message for {target.UserPrincipalName} reached {requester.Name}");

    /// <summary>Reads the password from a private message: it is the last line, after a blank line.</summary>
    public static string PasswordIn(JsonObject passwordMessage)
    {
        var text = passwordMessage["text"]!.GetValue<string>();
        return text[(text.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }

    /// <summary>Activities the bot processes sent to a conversation, in order.</summary>
    public IReadOnlyList<JsonObject> SentTo(Conversation conversation) =>
        Connector.SentActivities.Where(activity => activity["conversation"]?["id"]?.GetValue<string>() == conversation.Id).ToArray();

    public Task<JsonObject> WaitForSentAsync(Conversation conversation, Func<JsonObject, bool> match, TimeSpan? timeout = null) =>
        WaitForAsync(() => SentTo(conversation).FirstOrDefault(match), timeout, $"nothing matching was sent to {conversation.Id}");

    /// <summary>PATCH calls (password resets) that reached the sandbox for one user, whether applied or not.</summary>
    public int ResetCallCount(SandboxCustomer customer, SandboxUser target) =>
        Sandbox.Recorder.Snapshot().Count(request =>
            request.Method == "PATCH" && request.Path.EndsWith($"/customers/{customer.Id}/users/{target.Id}", StringComparison.OrdinalIgnoreCase));

    /// <summary>Users that PartnerBot may reset: active, without directory roles and not synced from on-premises.</summary>
    public IEnumerable<(SandboxCustomer Customer, SandboxUser User)> ResettableUsers(SandboxCustomer customer) =>
        Enumerable.Range(0, customer.UserCount)
            .Select(index => Sandbox.Directory.GetUser(customer, index))
            .Where(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is null)
            .Select(user => (customer, user));

    public SandboxCustomer Muller => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.MullerLogistikId))!;

    /// <summary>Serialises a node with non-ASCII letters as written, for readable failure messages.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString(ReadableJson) ?? string.Empty;

    /// <summary>Polls <paramref name="find"/> every 25 ms until it returns a value or the time is up.</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> find, TimeSpan? timeout, string failure)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"After {(timeout ?? DefaultWait).TotalSeconds} s {failure}.");
    }

    public async ValueTask DisposeAsync()
    {
        BotProcess[] started;
        lock (bots)
        {
            started = [.. bots];
        }

        foreach (var bot in started)
        {
            output.WriteLine($"===== {bot.Name} ({(bot.HasExited ? "exited with code " + bot.ExitCode.ToString(CultureInfo.InvariantCulture) : "running")}) =====");
            output.WriteLine(bot.Output);
            await bot.DisposeAsync();
        }

        Client.Dispose();
        await sandboxApp.DisposeAsync();
        await Connector.DisposeAsync();
    }

    private static Guid? FindRequestId(JsonNode? node) => node switch
    {
        JsonObject obj when obj["requestId"] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) => id,
        JsonObject obj => obj.Select(property => FindRequestId(property.Value)).FirstOrDefault(id => id is not null),
        JsonArray array => array.Select(FindRequestId).FirstOrDefault(id => id is not null),
        _ => null,
    };

    private static void ExpectInResponse(JsonObject invokeResponse, string expected, string failure)
    {
        var text = Json(invokeResponse["value"]);
        if (!text.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{failure} Expected \"{expected}\" in: {text}");
        }
    }

    private static async Task EnsureSuccessAsync(BotProcess bot, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{bot.Name} returned HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private JsonObject Activity(Person person, string type, Conversation conversation) => new()
    {
        ["type"] = type,
        ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["channelId"] = "msteams",
        ["serviceUrl"] = Connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.ObjectId.ToString() },
        ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversation.Id,
            ["conversationType"] = conversation.Type,
            ["tenantId"] = People.PartnerTenantId,
            ["isGroup"] = conversation.Type != "personal",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = People.PartnerTenantId } },
    };
}
