using System.Text.Json.Nodes;
using PartnerBot.Commands;

namespace PartnerBot.Conversations;

/// <summary>An Action.Execute click on one of PartnerBot's cards, converted from the invoke activity.</summary>
public sealed record CardAction(ChatUser Actor, ConversationAddress Address, string Verb, JsonObject Data, string? CardActivityId)
{
    /// <summary>Reads a string value of the action data, or null when it is missing or not a string.</summary>
    public string? ReadString(string key) =>
        Data[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public Guid? ReadRequestId() => Guid.TryParse(ReadString("requestId"), out var id) ? id : null;
}

/// <summary>The response to a card action: a replacement card, or one sentence that leaves the card unchanged.</summary>
public abstract record CardActionResult;

public sealed record UpdatedCard(string CardJson) : CardActionResult;

public sealed record ActionMessage(string Text) : CardActionResult;

/// <summary>Verbs of every Action.Execute on PartnerBot's cards.</summary>
public static class Verbs
{
    public const string CustomerSearch = "reset.customerSearch";
    public const string CustomerPick = "reset.customerPick";
    public const string UserSearch = "reset.userSearch";
    public const string UserPick = "reset.userPick";
    public const string Back = "reset.back";
    public const string Submit = "reset.submit";
    public const string Cancel = "reset.cancel";
    public const string Continue = "reset.continue";
    public const string Restart = "reset.restart";
    public const string Approve = "approval.approve";
    public const string Reject = "approval.reject";
    public const string Refresh = "approval.refresh";
}
