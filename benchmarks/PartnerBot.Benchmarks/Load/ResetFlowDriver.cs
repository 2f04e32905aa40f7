using System.Diagnostics;
using System.Text.Json.Nodes;
using PartnerBot.Benchmarks.Hosting;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Benchmarks.Load;

/// <summary>The timed steps of one reset flow, in the order a requester and an approver take them.</summary>
internal enum FlowStep
{
    Start,
    CustomerSearch,
    CustomerPick,
    UserSearch,
    UserPick,
    Submit,
    ApproveToDelivery,
}

/// <summary>How a flow ended, from the requester's point of view.</summary>
internal enum FlowOutcome
{
    /// <summary>The temporary password reached the requester's personal chat.</summary>
    PasswordDelivered,

    /// <summary>The request waits for approval, because the flow was run without the approval step.</summary>
    AwaitingApproval,

    /// <summary>The reset did not go through, and the bot sent the requester one sentence saying so.</summary>
    FailureTold,

    /// <summary>A step kept responding with a one-sentence failure, so the requester cancelled the request.</summary>
    CancelledAfterFailures,

    /// <summary>Something the requester would not understand: an HTTP error, an unexpected card or no response in time.</summary>
    Error,
}

/// <summary>Who runs one flow, where, and which user of which customer it resets.</summary>
internal sealed record FlowPlan(TeamsUser Requester, TeamsUser Approver, SandboxCustomer Customer, SandboxUser Target, TeamsConversation Conversation);

internal sealed record FlowResult(FlowPlan Plan, Guid? RequestId, FlowOutcome Outcome, string Detail, IReadOnlyDictionary<FlowStep, TimeSpan> StepTimes, int RetriedClicks);

/// <summary>
/// Runs one password reset end to end as people do in Teams: "reset password", customer search and pick, user search
/// and pick, submit, and an approver's Approve, then waits for the private password message or a failure notice.
/// A step that responds with a one-sentence failure is clicked again, as a person would, up to
/// <paramref name="attemptsPerStep"/> times; then the requester types "cancel".
/// </summary>
internal sealed class ResetFlowDriver(TeamsClient teams, ConnectorSink connector, TimeSpan waitTimeout, int attemptsPerStep = 3)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    public async Task<FlowResult> RunAsync(FlowPlan plan, bool approve, CancellationToken cancellationToken)
    {
        var run = new FlowRun(plan);
        connector.Watch(plan.Conversation.Id);
        connector.Watch(plan.Requester.PersonalChat.Id);
        try
        {
            return await RunStepsAsync(run, approve, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or InvalidOperationException or TaskCanceledException)
        {
            return run.Result(FlowOutcome.Error, exception.Message);
        }
    }

    /// <summary>Stops keeping the activities of the flow's conversations in the connector sink.</summary>
    public void Release(FlowPlan plan)
    {
        connector.Forget(plan.Conversation.Id);
        connector.Forget(plan.Requester.PersonalChat.Id);
    }

    private async Task<FlowResult> RunStepsAsync(FlowRun run, bool approve, CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        var clock = Stopwatch.StartNew();
        var status = await teams.SayAsync(plan.Requester, "reset password", plan.Conversation, cancellationToken);
        if (status != 200)
        {
            return run.Result(FlowOutcome.Error, $"\"reset password\" returned HTTP {status}.");
        }

        var searchCard = await connector.WaitForAsync(plan.Conversation.Id, activity => FindRequestId(activity) is not null, waitTimeout);
        run.RequestId = FindRequestId(searchCard);
        run.Times[FlowStep.Start] = clock.Elapsed;

        // By domain, because a query with a dot is searched as a domain, and several company names can share a start.
        var steps = new (FlowStep Step, string Verb, JsonObject Data, string Expected)[]
        {
            (FlowStep.CustomerSearch, "reset.customerSearch", Data(run, "customerQuery", plan.Customer.Domain), plan.Customer.Id.ToString()),
            (FlowStep.CustomerPick, "reset.customerPick", Data(run, "customerId", plan.Customer.Id.ToString()), "choose the user"),
            (FlowStep.UserSearch, "reset.userSearch", Data(run, "userQuery", plan.Target.UserPrincipalName), plan.Target.Id.ToString()),
            (FlowStep.UserPick, "reset.userPick", Data(run, "userId", plan.Target.Id.ToString()), "Request approval"),
            (FlowStep.Submit, "reset.submit", Data(run, "reason", "Load test"), "Waiting for approval."),
        };

        foreach (var (step, verb, data, expected) in steps)
        {
            var failure = await ClickStepAsync(run, step, verb, data, expected, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
        }

        if (!approve)
        {
            return run.Result(FlowOutcome.AwaitingApproval, "Left waiting for approval.");
        }

        return await ApproveAsync(run, cancellationToken);
    }

    /// <summary>Clicks one prompt step until its response contains <paramref name="expected"/>; returns a result only when the flow ends here.</summary>
    private async Task<FlowResult?> ClickStepAsync(FlowRun run, FlowStep step, string verb, JsonObject data, string expected, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sentences = new List<string>();
        for (var attempt = 1; attempt <= attemptsPerStep; attempt++)
        {
            var answer = await teams.ClickAsync(run.Plan.Requester, verb, data.DeepClone().AsObject(), run.Plan.Conversation, cancellationToken);
            if (answer.Contains(expected))
            {
                run.Times[step] = clock.Elapsed;
                return null;
            }

            if (!answer.IsSentence)
            {
                return run.Result(FlowOutcome.Error, $"{step}: expected \"{expected}\" in the response, got: {answer.Text}");
            }

            sentences.Add(answer.Text);
            run.RetriedClicks++;
            await Task.Delay(RetryPause, cancellationToken);
        }

        await teams.SayAsync(run.Plan.Requester, "cancel", run.Plan.Conversation, cancellationToken);
        return run.Result(FlowOutcome.CancelledAfterFailures, $"{step}: {string.Join(" / ", sentences.Distinct())}");
    }

    private async Task<FlowResult> ApproveAsync(FlowRun run, CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        var clock = Stopwatch.StartNew();
        var decision = await teams.ClickAsync(plan.Approver, "approval.approve", new JsonObject { ["requestId"] = run.RequestId.ToString() }, plan.Approver.PersonalChat, cancellationToken);
        if (decision.IsSentence)
        {
            return run.Result(FlowOutcome.Error, $"Approve got a sentence instead of a card: {decision.Text}");
        }

        // The password goes to the requester's personal chat, a failure notice to the chat where the request started.
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivered = connector.WaitForAsync(plan.Requester.PersonalChat.Id, IsPasswordMessage, waitTimeout, stopWaiting.Token);
        var failed = connector.WaitForAsync(plan.Conversation.Id, IsFailureNotice, waitTimeout, stopWaiting.Token);
        var first = await Task.WhenAny(delivered, failed);
        if (first.IsFaulted)
        {
            first = first == delivered ? failed : delivered;
        }

        var ended = await first;
        await stopWaiting.CancelAsync();
        run.Times[FlowStep.ApproveToDelivery] = clock.Elapsed;
        return first == delivered
            ? run.Result(FlowOutcome.PasswordDelivered, "Password delivered.")
            : run.Result(FlowOutcome.FailureTold, ended["text"]?.GetValue<string>() ?? string.Empty);
    }

    public static bool IsPasswordMessage(JsonObject activity) =>
        activity["text"]?.GetValue<string>().StartsWith("Temporary password", StringComparison.Ordinal) == true;

    public static bool IsFailureNotice(JsonObject activity) =>
        activity["text"]?.GetValue<string>().StartsWith("The password reset did not go through.", StringComparison.Ordinal) == true;

    /// <summary>Reads the request id from the first Action.Execute data of a card activity.</summary>
    public static Guid? FindRequestId(JsonNode? node) => node switch
    {
        JsonObject obj when obj["requestId"] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) => id,
        JsonObject obj => obj.Select(property => FindRequestId(property.Value)).FirstOrDefault(id => id is not null),
        JsonArray array => array.Select(FindRequestId).FirstOrDefault(id => id is not null),
        _ => null,
    };

    private static JsonObject Data(FlowRun run, string key, string value) =>
        new() { ["requestId"] = run.RequestId.ToString(), [key] = value };

    private sealed class FlowRun(FlowPlan plan)
    {
        public FlowPlan Plan { get; } = plan;

        public Guid? RequestId { get; set; }

        public Dictionary<FlowStep, TimeSpan> Times { get; } = [];

        public int RetriedClicks { get; set; }

        public FlowResult Result(FlowOutcome outcome, string detail) => new(Plan, RequestId, outcome, detail, Times, RetriedClicks);
    }
}
