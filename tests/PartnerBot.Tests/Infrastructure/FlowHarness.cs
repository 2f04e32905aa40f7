using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Conversations;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Graph;
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

    /// <summary>The Graph sandbox over the same seeded data; its staff groups can be changed while a test runs.</summary>
    public GraphSandbox GraphSandbox => sandboxApp.Services.GetRequiredService<GraphSandbox>();

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
        builder.Services.AddGraphSandbox(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PartnerTenantId"] = PartnerBotFactory.PartnerTenantId })
            .Build());
        sandboxApp = builder.Build();
        sandboxApp.MapPartnerCenterSandbox();
        sandboxApp.MapGraphSandbox("/graph");
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
            ["Graph:BaseAddress"] = sandboxApp.Urls.First() + "/graph/",
            ["Graph:Authentication:Mode"] = "Sandbox",
            ["Graph:Authentication:TenantId"] = PartnerBotFactory.PartnerTenantId,
            ["Graph:AttemptTimeout"] = "00:00:05",
            ["Graph:TotalTimeout"] = "00:00:20",
            ["Graph:MaxRetryAttempts"] = "2",
            ["Graph:RetryBaseDelay"] = "00:00:00.020",
            ["Graph:MaxRetryDelay"] = "00:00:00.100",
            ["Graph:MaxRetryAfter"] = "00:00:00.500",
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

    /// <summary>Waits until the bot has sent a matching activity, for steps that run after the invoke response.</summary>
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

    /// <summary>Returns a service of the running bot host.</summary>
    public T Service<T>()
        where T : notnull => Factory.Services.GetRequiredService<T>();

    public Task<PartnerBot.Storage.ResetRequestRecord?> ReadRequestAsync(Guid requestId) =>
        Service<PartnerBot.Storage.ResetRequestStore>().GetAsync(requestId, CancellationToken.None);

    /// <summary>Waits until the request reaches <paramref name="status"/>, for steps that run after the invoke response.</summary>
    public async Task<PartnerBot.Storage.ResetRequestRecord> WaitForStatusAsync(Guid requestId, PartnerBot.Resets.ResetRequestStatus status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        PartnerBot.Storage.ResetRequestRecord? request = null;
        while (DateTime.UtcNow < deadline)
        {
            request = await ReadRequestAsync(requestId);
            if (request?.Status == status)
            {
                return request;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Request {requestId} did not reach {status}; it is {request?.Status.ToString() ?? "missing"}.");
    }

    /// <summary>Returns the audit events of one request, oldest first.</summary>
    public async Task<IReadOnlyList<PartnerBot.Storage.AuditEvent>> AuditEventsAsync(Guid requestId)
    {
        var events = await Service<PartnerBot.Storage.AuditTrail>().ListLatestAsync(10_000, null, CancellationToken.None);
        return events.Where(auditEvent => auditEvent.RequestId == requestId).OrderBy(auditEvent => auditEvent.Sequence).ToArray();
    }

    /// <summary>Returns the number of connector calls so far, to look only at later ones with <see cref="WaitForSentSinceAsync"/>.</summary>
    public int Mark() => Connector.Calls.Count;

    /// <summary>Waits for a matching activity sent to a conversation after <paramref name="mark"/>.</summary>
    public async Task<JsonObject> WaitForSentSinceAsync(int mark, string conversationId, Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = SentSince(mark, conversationId).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The bot sent nothing matching to {conversationId} after call {mark}. Sent: {string.Join(" | ", SentSince(mark, conversationId).Select(activity => activity.ToJsonString()))}");
    }

    /// <summary>Activities sent to a conversation after <paramref name="mark"/>, in order.</summary>
    public IReadOnlyList<JsonObject> SentSince(int mark, string conversationId) => Connector.Calls
        .Skip(mark)
        .Where(call => call.Method == "POST" && call.Path.Contains("/activities", StringComparison.Ordinal) && call.Body?["conversation"]?["id"]?.GetValue<string>() == conversationId)
        .Select(call => call.Body!)
        .ToArray();

    /// <summary>Edits (PUT) of the message with <paramref name="activityId"/>, in order.</summary>
    public IReadOnlyList<JsonObject> UpdatesOf(string activityId) => Connector.Updates
        .Where(call => call.Path.EndsWith("/activities/" + activityId, StringComparison.Ordinal))
        .Select(call => call.Body!)
        .ToArray();

    /// <summary>Waits for an edit of the message with <paramref name="activityId"/> that matches.</summary>
    public async Task<JsonObject> WaitForUpdateAsync(string activityId, Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var found = UpdatesOf(activityId).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Message {activityId} got no matching edit. Edits: {string.Join(" | ", UpdatesOf(activityId).Select(activity => activity.ToJsonString()))}");
    }

    /// <summary>Posts an Action.Execute click and returns the raw HTTP response, for tests that expect a status other than 200.</summary>
    public Task<HttpResponseMessage> PostClickAsync(Person person, string verb, JsonObject data, ConversationRef? conversation = null) =>
        Client.PostAsJsonAsync("/api/messages", Activity(person, "invoke", conversation, activity =>
        {
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            };
        }));

    /// <summary>Builds Action.Execute data for a request with extra string values.</summary>
    public static JsonObject Data(Guid requestId, params (string Key, string Value)[] values)
    {
        var data = new JsonObject { ["requestId"] = requestId.ToString() };
        foreach (var (key, value) in values)
        {
            data[key] = value;
        }

        return data;
    }

    /// <summary>Types "reset password" and returns the id of the new request from the customer search card.</summary>
    public async Task<Guid> StartRequestAsync(Person requester, ConversationRef? conversation = null)
    {
        var mark = Mark();
        await SayAsync(requester, "reset password", conversation);
        var card = await WaitForSentSinceAsync(mark, conversation?.Id ?? requester.PersonalConversationId, activity => CardText(activity).Contains("choose the customer", StringComparison.Ordinal));
        return RequestIdOf(card["attachments"]![0]!["content"]!);
    }

    /// <summary>Searches the customer by company name and picks it; returns the user search card.</summary>
    public async Task<JsonObject> ChooseCustomerAsync(Person requester, Guid requestId, SandboxCustomer customer, ConversationRef? conversation = null)
    {
        await ClickAsync(requester, Verbs.CustomerSearch, Data(requestId, ("customerQuery", customer.CompanyName)), conversation);
        var picked = await ClickAsync(requester, Verbs.CustomerPick, Data(requestId, ("customerId", customer.Id.ToString())), conversation);
        if (!Json(picked["value"]).Contains("choose the user", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Picking the customer did not show the user search: " + Json(picked));
        }

        return picked;
    }

    /// <summary>Searches the user by display name and picks it; returns the invoke response of the pick.</summary>
    public async Task<JsonObject> ChooseUserAsync(Person requester, Guid requestId, SandboxUser target, ConversationRef? conversation = null)
    {
        await ClickAsync(requester, Verbs.UserSearch, Data(requestId, ("userQuery", target.UserPrincipalName)), conversation);
        return await ClickAsync(requester, Verbs.UserPick, Data(requestId, ("userId", target.Id.ToString())), conversation);
    }

    /// <summary>Walks the requester through customer, user and confirmation, and returns the request id once approval is requested.</summary>
    public async Task<Guid> RequestApprovalAsync(Person requester, SandboxCustomer customer, SandboxUser target, ConversationRef? conversation = null)
    {
        var requestId = await StartRequestAsync(requester, conversation);
        await ChooseCustomerAsync(requester, requestId, customer, conversation);
        var confirm = await ChooseUserAsync(requester, requestId, target, conversation);
        if (!ButtonTitles(confirm["value"]!).Contains("Request approval"))
        {
            throw new InvalidOperationException("Picking the user did not show the confirmation: " + Json(confirm));
        }

        var waiting = await ClickAsync(requester, Verbs.Submit, Data(requestId, ("reason", "Ticket #4711")), conversation);
        if (!Json(waiting["value"]).Contains("Waiting for approval.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Submitting did not ask for approval: " + Json(waiting));
        }

        await WaitForApprovalCardsAsync(requestId);
        return requestId;
    }

    /// <summary>
    /// Waits until the approval cards of a submitted request are sent, which happens after the response to the submit
    /// click: at least one card is stored and their number has not changed for 100 ms, or the request has
    /// left AwaitingApproval because no approver could be reached.
    /// </summary>
    public async Task WaitForApprovalCardsAsync(Guid requestId, TimeSpan? timeout = null)
    {
        var conversations = Factory.Services.GetRequiredService<PartnerBot.Storage.ConversationStore>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var lastCount = -1;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            var request = await ReadRequestAsync(requestId);
            if (request?.Status != PartnerBot.Resets.ResetRequestStatus.AwaitingApproval)
            {
                return;
            }

            var count = (await conversations.ListRequestCardsAsync(requestId, CancellationToken.None)).Count(card => card.Role == PartnerBot.Storage.RequestCardRole.Approval);
            if (count != lastCount)
            {
                lastCount = count;
                stableSince = DateTime.UtcNow;
            }
            else if (count > 0 && DateTime.UtcNow - stableSince >= TimeSpan.FromMilliseconds(100))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The approval cards of request {requestId} were not all sent in time; {lastCount} stored.");
    }

    /// <summary>
    /// Returns the card JSON of an activity, or its text when it has no attachment. Unlike <see cref="CardText"/>, it
    /// accepts a text message whose attachments list is empty, as the bot sends them.
    /// </summary>
    public static string TextOf(JsonObject activity) =>
        activity["attachments"] is JsonArray { Count: > 0 } attachments ? Json(attachments[0]?["content"]) : activity["text"]?.GetValue<string>() ?? string.Empty;

    /// <summary>Returns true for the private message that carries a temporary password.</summary>
    public static bool IsPasswordMessage(JsonObject activity) =>
        activity["text"]?.GetValue<string>().StartsWith("Temporary password", StringComparison.Ordinal) == true;

    /// <summary>
    /// Returns the reset calls (PATCH of the user) that reached the sandbox for one user, on either backend:
    /// Partner Center's /v1/customers/{customer}/users/{user} or Graph's /v1.0/users/{user}.
    /// </summary>
    public IReadOnlyList<RecordedRequest> ResetCallsFor(string userId) => Sandbox.Recorder.Snapshot()
        .Where(request => request.Method == "PATCH" && request.Path.EndsWith("/users/" + userId, StringComparison.OrdinalIgnoreCase))
        .ToArray();

    /// <summary>Reads the password out of the private message text: it is the last line, after a blank line.</summary>
    public static string PasswordIn(JsonObject passwordMessage)
    {
        // The password is the last line, after a blank line.
        var text = passwordMessage["text"]!.GetValue<string>();
        return text[(text.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..];
    }

    /// <summary>
    /// Waits until no request is in Resetting and neither the connector stand-in nor the sandbox has received a call
    /// for 100 ms, or until <paramref name="timeout"/> (default 3 s) passes. An approved reset runs on a task that the
    /// host does not wait for, so stopping the host earlier races with its last writes to the database folder.
    /// </summary>
    public async Task WaitForBackgroundWorkAsync(TimeSpan? timeout = null)
    {
        var store = Service<PartnerBot.Storage.ResetRequestStore>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(3));
        var quietPeriod = TimeSpan.FromMilliseconds(100);
        var lastCallCount = -1;
        var quietSince = DateTime.UtcNow;

        while (DateTime.UtcNow < deadline)
        {
            var resetting = await store.ListStaleAsync(PartnerBot.Resets.ResetRequestStatus.Resetting, DateTimeOffset.MaxValue, 1, CancellationToken.None);
            var callCount = Connector.Calls.Count + Sandbox.Recorder.Snapshot().Count;
            if (resetting.Count > 0 || callCount != lastCallCount)
            {
                lastCallCount = callCount;
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince >= quietPeriod)
            {
                return;
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Stops the bot host and starts a new one on the same database, with the same settings, clock, sandbox and
    /// connector stand-in, as when the service restarts. The harness must have been started with a data folder.
    /// </summary>
    public async Task RestartBotAsync()
    {
        if (Factory.DeleteDataFolder)
        {
            throw new InvalidOperationException("Start the harness with a data folder; otherwise the database is deleted with the old host.");
        }

        var configuration = Service<IConfiguration>();
        var settings = configuration.GetSection("PartnerCenter").AsEnumerable()
            .Concat(configuration.GetSection("PartnerBot").AsEnumerable())
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        var dataFolder = Factory.DataFolder;

        await WaitForBackgroundWorkAsync();
        Client.Dispose();
        await Factory.DisposeAsync();

        Factory = new PartnerBotFactory(settings, services => services.AddSingleton<TimeProvider>(Clock), dataFolder: dataFolder);
        Client = Factory.CreateClient();
    }
}

/// <summary>A conversation other than a person's personal chat: "groupChat" or "channel".</summary>
public sealed record ConversationRef(string Id, string Type);
