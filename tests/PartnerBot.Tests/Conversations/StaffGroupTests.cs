using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Approvers taken from a Microsoft Entra group through the Graph sandbox instead of the configured list.</summary>
public sealed class StaffGroupTests : IAsyncLifetime
{
    private static readonly Guid ApproversGroup = Guid.Parse("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");

    private FlowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Graph:StaffGroups:ApproversGroupId"] = ApproversGroup.ToString(),
            ["Graph:StaffGroups:MembershipCacheTimeToLive"] = "00:05:00",
        });
        harness.GraphSandbox.AddMember(ApproversGroup, Approver.ObjectId);
        await harness.SayAsync(Approver, "help");
    }

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Removed_approver_loses_right_after_cache()
    {
        var first = await harness.RequestApprovalAsync(Requester, harness.Muller, harness.PlainUser());
        var second = await harness.RequestApprovalAsync(SecondRequester, harness.Muller, harness.Users(harness.Muller).Where(user => !user.IsInactive && user.Roles.Count == 0 && user.LastDirectorySyncTime is null).Skip(1).First());
        await harness.ClickAsync(Approver, Verbs.Reject, Data(first));

        harness.GraphSandbox.RemoveMember(ApproversGroup, Approver.ObjectId);
        var withinCache = await harness.ClickAsync(Approver, Verbs.Refresh, Data(second));
        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var afterCache = await harness.ClickAsync(Approver, Verbs.Approve, Data(second));

        Assert.Contains("Approve", ButtonTitles(withinCache["value"]!));
        Assert.Equal("Only PartnerBot approvers can approve or reject password resets.", afterCache["value"]?.GetValue<string>());
    }

    [Fact]
    public async Task Group_member_not_in_list_may_approve()
    {
        harness.GraphSandbox.AddMember(ApproversGroup, Stranger.ObjectId);
        var requestId = await harness.RequestApprovalAsync(Requester, harness.Muller, harness.PlainUser());

        var response = await harness.ClickAsync(Stranger, Verbs.Approve, Data(requestId));

        Assert.Contains("Approved by", Json(response["value"]), StringComparison.Ordinal);
    }

    private static JsonObject Data(Guid requestId) => new() { ["requestId"] = requestId.ToString() };
}
