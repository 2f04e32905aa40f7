using System.Text.Json.Nodes;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Starts a <see cref="FlowHarness"/> per test, with both approvers known to the bot so that approval cards reach
/// them. Subclasses pass extra settings through <see cref="Settings"/>.
/// </summary>
public abstract class FlowTestBase : IAsyncLifetime
{
    protected FlowHarness Harness { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public virtual async Task InitializeAsync()
    {
        Harness = await FlowHarness.StartAsync(Settings);
        await Harness.SayAsync(Approver, "help");
        await Harness.SayAsync(SecondApprover, "help");
    }

    public virtual async Task DisposeAsync()
    {
        await Harness.WaitForBackgroundWorkAsync();
        await Harness.DisposeAsync();
    }

    /// <summary>Returns the message id of the card about <paramref name="requestId"/> sent to a conversation.</summary>
    protected string CardActivityId(string conversationId, Guid requestId, string marker)
    {
        var card = Harness.SentTo(conversationId).Last(activity => TextOf(activity).Contains(requestId.ToString(), StringComparison.Ordinal) && TextOf(activity).Contains(marker, StringComparison.Ordinal));
        return Harness.Connector.ActivityIdOf(card) ?? throw new InvalidOperationException("The connector stand-in has no id for that card.");
    }

    /// <summary>Returns the sentence of an invoke response that leaves the card alone, or null when the response is a card.</summary>
    protected static string? SentenceOf(JsonObject invokeResponse) =>
        invokeResponse["type"]?.GetValue<string>() == "application/vnd.microsoft.activity.message" ? invokeResponse["value"]?.GetValue<string>() : null;

    /// <summary>Returns the replacement card of an invoke response, or null when the response is a sentence.</summary>
    protected static string? CardOf(JsonObject invokeResponse) =>
        invokeResponse["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive" ? Json(invokeResponse["value"]) : null;
}
