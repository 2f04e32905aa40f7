using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Reliability.Tests;

/// <summary>
/// Malformed and hostile activities against the in-memory host. Each gets HTTP 400 or one sentence,
/// and leaves the stored requests, their versions and Partner Center untouched.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    // The bot's sentences, copied from src/PartnerBot/Messages.cs, because that class is internal to PartnerBot and its unit tests.
    private const string UnknownCardAction = "This card action is not recognised. Start again by typing reset password.";
    private const string RequestNotFound = "This request no longer exists. Type reset password to start a new one.";
    private const string NotYourRequest = "This card belongs to another person's request. Type reset password to start your own.";
    private const string CardDoesNotMatchRequest = "This card does not belong to that request, so nothing was changed. Use the approval card of the request you want to decide.";

    private FlowHarness harness = null!;
    private Guid pendingRequest;
    private Guid otherPendingRequest;
    private string pendingApprovalCardId = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync();
        await harness.SayAsync(Approver, "help");
        await harness.SayAsync(SecondApprover, "help");

        var users = harness.Users(harness.Muller).Where(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is null).Take(2).ToArray();
        pendingRequest = await harness.RequestApprovalAsync(Requester, harness.Muller, users[0]);
        otherPendingRequest = await harness.RequestApprovalAsync(SecondRequester, harness.Muller, users[1]);
        pendingApprovalCardId = ApprovalCardId(pendingRequest);
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Malformed_json_gets_400()
    {
        var before = await SnapshotAsync();

        using var response = await harness.Client.PostAsync("/api/messages", new StringContent("{\"type\": \"message\", \"text\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Activity_without_type_gets_400()
    {
        var before = await SnapshotAsync();

        using var response = await harness.Client.PostAsJsonAsync("/api/messages", new JsonObject { ["text"] = "reset password" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Message_of_100_KB_gets_one_sentence()
    {
        var before = await SnapshotAsync();
        var mark = harness.Mark();

        using var response = await harness.SayAsync(Requester, "reset password " + new string('x', 100 * 1024));

        var replies = harness.SentSince(mark, Requester.PersonalConversationId);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"HTTP {(int)response.StatusCode}");
        Assert.True(replies.Count <= 1, $"{replies.Count} replies");
        Assert.All(replies, reply => Assert.True(TextOf(reply).Length < 300, "The reply should be one sentence, not an echo of the input."));
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Unknown_invoke_name_gets_400()
    {
        var before = await SnapshotAsync();

        using var response = await PostInvokeAsync(Approver, "composeExtension/unknownThing", new JsonObject { ["requestId"] = pendingRequest.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Action_without_verb_gets_one_sentence()
    {
        var before = await SnapshotAsync();

        var answer = await harness.ClickAsync(Approver, string.Empty, Data(pendingRequest));

        // The bot replies with an error card that contains the sentence.
        Assert.Contains(UnknownCardAction, Sentence(answer), StringComparison.Ordinal);
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Action_without_data_gets_one_sentence()
    {
        var before = await SnapshotAsync();

        var approve = await harness.ClickAsync(Approver, Verbs.Approve, []);
        var submit = await harness.ClickAsync(Requester, Verbs.Submit, []);

        Assert.Equal(RequestNotFound, Sentence(approve));
        Assert.Equal(RequestNotFound, Sentence(submit));
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Action_value_not_an_object_gets_no_change()
    {
        var before = await SnapshotAsync();

        using var response = await harness.Client.PostAsJsonAsync("/api/messages", InvokeActivity(Approver, "adaptiveCard/action", JsonValue.Create("approve everything")));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"HTTP {(int)response.StatusCode}");
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Someone_elses_request_id_is_rejected()
    {
        var before = await SnapshotAsync();

        var cancel = await harness.ClickAsync(SecondRequester, Verbs.Cancel, Data(pendingRequest));
        var search = await harness.ClickAsync(Stranger, Verbs.CustomerSearch, Data(pendingRequest, ("customerQuery", "contoso")));

        Assert.Equal(NotYourRequest, Sentence(cancel));
        Assert.Equal(NotYourRequest, Sentence(search));
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Approval_data_pointing_elsewhere_is_rejected()
    {
        var before = await SnapshotAsync();

        // The approver clicks Approve on the card of the first request, with its data edited to name the second.
        var answer = await harness.ClickAsync(Approver, Verbs.Approve, Data(otherPendingRequest), cardActivityId: pendingApprovalCardId);

        Assert.Equal(CardDoesNotMatchRequest, Sentence(answer));
        await AssertUnchangedAsync(before);
    }

    [Fact]
    public async Task Replayed_approve_resets_once()
    {
        var activity = InvokeActivity(Approver, "adaptiveCard/action", ActionValue(Verbs.Approve, Data(pendingRequest)));
        activity["replyToId"] = pendingApprovalCardId;

        using var first = await harness.Client.PostAsJsonAsync("/api/messages", activity);
        await harness.WaitForStatusAsync(pendingRequest, ResetRequestStatus.Completed);
        var completed = await harness.ReadRequestAsync(pendingRequest);
        using var replay = await harness.Client.PostAsJsonAsync("/api/messages", activity);
        await harness.WaitForBackgroundWorkAsync();

        var target = completed!.Details;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, harness.Sandbox.ResetCount(Guid.Parse(target.CustomerId!), Guid.Parse(target.UserId!)));
        Assert.Single(harness.SentTo(Requester.PersonalConversationId), IsPasswordMessage);
        Assert.Equal(completed.Version, (await harness.ReadRequestAsync(pendingRequest))!.Version);
    }

    [Fact]
    public async Task Replayed_submit_changes_nothing()
    {
        var before = await SnapshotAsync();

        var answer = await harness.ClickAsync(Requester, Verbs.Submit, Data(pendingRequest, ("reason", "Ticket #4711")));

        Assert.Contains("Waiting for approval.", Json(answer["value"]), StringComparison.Ordinal);
        await AssertUnchangedAsync(before);
    }

    private string ApprovalCardId(Guid requestId)
    {
        var card = harness.SentTo(Approver.PersonalConversationId)
            .Last(activity => TextOf(activity).Contains(requestId.ToString(), StringComparison.Ordinal));
        return harness.Connector.ActivityIdOf(card) ?? throw new InvalidOperationException("The connector stand-in has no id for the approval card.");
    }

    private static string? Sentence(JsonObject invokeResponse) =>
        invokeResponse["type"]?.GetValue<string>() == "application/vnd.microsoft.activity.message" ? invokeResponse["value"]?.GetValue<string>() : Json(invokeResponse);

    private Task<HttpResponseMessage> PostInvokeAsync(Person person, string name, JsonNode value) =>
        harness.Client.PostAsJsonAsync("/api/messages", InvokeActivity(person, name, value));

    private static JsonObject ActionValue(string verb, JsonObject data) => new()
    {
        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
        ["trigger"] = "manual",
    };

    private JsonObject InvokeActivity(Person person, string name, JsonNode value) => new()
    {
        ["type"] = "invoke",
        ["name"] = name,
        ["value"] = value,
        ["id"] = "activity-" + Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = harness.Connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.ObjectId.ToString() },
        ["recipient"] = new JsonObject { ["id"] = "28:partnerbot", ["name"] = "PartnerBot" },
        ["conversation"] = new JsonObject { ["id"] = person.PersonalConversationId, ["conversationType"] = "personal", ["tenantId"] = PartnerBotFactory.PartnerTenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = PartnerBotFactory.PartnerTenantId } },
    };

    /// <summary>Status and version of both pending requests, and the number of reset calls the sandbox received.</summary>
    private async Task<State> SnapshotAsync()
    {
        var first = (await harness.ReadRequestAsync(pendingRequest))!;
        var second = (await harness.ReadRequestAsync(otherPendingRequest))!;
        var resetCalls = harness.Sandbox.Recorder.Snapshot().Count(request => request.Method == "PATCH");
        return new State(first.Status, first.Version, second.Status, second.Version, resetCalls);
    }

    private async Task AssertUnchangedAsync(State before)
    {
        await harness.WaitForBackgroundWorkAsync();
        var after = await SnapshotAsync();
        Assert.Equal(before, after);
        Assert.Equal(ResetRequestStatus.AwaitingApproval, after.FirstStatus);
        Assert.Equal(0, after.ResetCalls);
    }

    private sealed record State(ResetRequestStatus FirstStatus, int FirstVersion, ResetRequestStatus SecondStatus, int SecondVersion, int ResetCalls);
}
