using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>The reset conversation with PartnerBot:Backend = Graph, against the Graph sandbox.</summary>
public sealed class GraphBackendFlowTests : IAsyncLifetime
{
    private FlowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync(new Dictionary<string, string?> { ["PartnerBot:Backend"] = "Graph" });
        await harness.SayAsync(Approver, "help");
    }

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Graph_backend_resets_and_delivers()
    {
        var target = harness.PlainUser();

        var requestId = await RequestApprovalAsync(target);
        await harness.ClickAsync(Approver, Verbs.Approve, new JsonObject { ["requestId"] = requestId.ToString() });
        var privateMessage = await harness.WaitForSentAsync(Requester.PersonalConversationId, activity => activity["text"]?.GetValue<string>().StartsWith("Temporary password", StringComparison.Ordinal) == true);

        var password = PasswordIn(privateMessage);
        Assert.True(harness.Sandbox.PasswordMatches(harness.Muller.Id, target.Id, password), "The Graph sandbox should hold the password that was sent privately.");
        Assert.Contains(harness.Sandbox.Recorder.Snapshot(), request => request.Method == "PATCH" && request.Path.EndsWith($"/v1.0/users/{target.Id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Synced_user_is_refused_with_graph()
    {
        var synced = harness.Users(harness.Muller).FirstOrDefault(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is not null)
            ?? harness.Sandbox.Directory.Customers.Where(customer => customer.HasRelationship && customer.SyncsFromOnPremises && customer.UserCount < 200)
                .SelectMany(harness.Users).First(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is not null);
        var customer = harness.Sandbox.Directory.Customers.First(candidate => harness.Users(candidate).Take(200).Any(user => user.Id == synced.Id));
        var requestId = await StartAsync(customer);

        var response = await harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, "userId", synced.Id.ToString()));

        Assert.Contains("on-premises", Json(response["value"]), StringComparison.Ordinal);
        Assert.DoesNotContain("Request approval", ButtonTitles(response["value"]!));
    }

    private async Task<Guid> StartAsync(SandboxCustomer customer)
    {
        await harness.SayAsync(Requester, "reset password");
        var searchCard = await harness.WaitForSentAsync(Requester.PersonalConversationId, activity => CardText(activity).Contains("choose the customer", StringComparison.Ordinal));
        var requestId = RequestIdOf(searchCard["attachments"]![0]!["content"]!);
        await harness.ClickAsync(Requester, Verbs.CustomerPick, Data(requestId, "customerId", customer.Id.ToString()));
        return requestId;
    }

    private async Task<Guid> RequestApprovalAsync(SandboxUser target)
    {
        var requestId = await StartAsync(harness.Muller);
        var results = await harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, "userQuery", target.DisplayName));
        Assert.Contains(target.UserPrincipalName, Json(results["value"]), StringComparison.Ordinal);
        await harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, "userId", target.Id.ToString()));
        await harness.ClickAsync(Requester, Verbs.Submit, Data(requestId, "reason", "Ticket #4711"));
        return requestId;
    }

    private static JsonObject Data(Guid requestId, string key, string value) => new() { ["requestId"] = requestId.ToString(), [key] = value };
}
