namespace PartnerBot.Scaling.Tests;

/// <summary>A person in the partner tenant, with a Teams id and a personal conversation with the bot.</summary>
internal sealed record Person(string Name, Guid ObjectId)
{
    public string TeamsUserId => "29:" + ObjectId.ToString("N");

    public Conversation PersonalChat => new("a:personal-" + ObjectId.ToString("N"), "personal");
}

/// <summary>A Teams conversation: "personal", "groupChat" or "channel".</summary>
internal sealed record Conversation(string Id, string Type)
{
    /// <summary>Returns a new group chat, so that each request has a conversation of its own.</summary>
    public static Conversation NewGroupChat() => new($"19:scaling-{Guid.NewGuid():N}@thread.v2", "groupChat");
}

/// <summary>The people that the tests act as. The bot processes get the same ids as helpdesk staff and approvers.</summary>
internal static class People
{
    public const string PartnerTenantId = "7d1e2a40-5b8c-4f0e-9a63-2c51d0e4b7aa";

    public static readonly Person Requester = new("Adele Requester", Guid.Parse("0b6f5a2e-8c41-4d7a-b3e9-1f2a6c9d0e11"));
    public static readonly Person SecondRequester = new("Dev Helpdesk", Guid.Parse("9e4c1a7b-3d62-4f08-a5b1-7c2e8d0f5a44"));
    public static readonly Person Approver = new("Bruno Approver", Guid.Parse("3c9e7b1d-2a54-4f86-9d0b-6e8a1c2f4b22"));
    public static readonly Person SecondApprover = new("Chiara Approver", Guid.Parse("5a2d8f6c-7e13-4b9a-8c05-9d4e3b1a6c33"));
}

/// <summary>Action.Execute verbs of PartnerBot's cards, as the bot's card templates send them.</summary>
internal static class CardVerbs
{
    public const string CustomerSearch = "reset.customerSearch";
    public const string CustomerPick = "reset.customerPick";
    public const string UserSearch = "reset.userSearch";
    public const string UserPick = "reset.userPick";
    public const string Submit = "reset.submit";
    public const string Approve = "approval.approve";
}
