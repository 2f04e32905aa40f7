namespace PartnerBot.Tests.Conversations;

/// <summary>Settings that switch a flow suite to the Graph backend, against the Graph sandbox of the harness.</summary>
internal static class GraphBackend
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["PartnerBot:Backend"] = "Graph" };
}

// Each class runs every test of its base class again with PartnerBot:Backend = Graph.
public sealed class ApprovalTestsWithGraph : ApprovalTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}

public sealed class CancelTestsWithGraph : CancelTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}

public sealed class CardActionGuardTestsWithGraph : CardActionGuardTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}

public sealed class ExpiryTestsWithGraph : ExpiryTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}

public sealed class GroupChatDeliveryTestsWithGraph : GroupChatDeliveryTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}

public sealed class TargetPolicyTestsWithGraph : TargetPolicyTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => GraphBackend.Settings;
}
