using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// A requester who starts in a group chat and has never written to the bot privately: the password must go to a
/// personal conversation that the bot opens, or nothing is reset.
/// </summary>
public class GroupChatDeliveryTests : FlowTestBase
{
    private static readonly ConversationRef GroupChat = new("19:helpdesk-shift@thread.v2", "groupChat");

    [Fact]
    public async Task Unreachable_requester_gets_no_reset()
    {
        Harness.Connector.CreateConversationFailureStatus = 403;
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target, GroupChat);
        var mark = Harness.Mark();

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var failed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Failed);
        var notice = await Harness.WaitForSentSinceAsync(mark, GroupChat.Id, activity => activity["text"] is not null);

        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, target.Id));
        Assert.DoesNotContain(Harness.Sandbox.Recorder.Snapshot(failed.CorrelationId), request => request.Method == "PATCH");
        Assert.Contains("Install PartnerBot for yourself", notice["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(Harness.Connector.CreateConversationCalls);
    }

    [Fact]
    public async Task Password_goes_to_new_personal_chat()
    {
        var target = Harness.PlainUser();
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, target, GroupChat);

        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        var created = Assert.Single(Harness.Connector.CreateConversationCalls);
        var privateMessage = await Harness.WaitForSentAsync(created.ResponseId!, IsPasswordMessage);

        Assert.Contains(Requester.TeamsUserId, Json(created.Body!["members"]), StringComparison.Ordinal);
        Assert.True(Harness.Sandbox.PasswordMatches(Harness.Muller.Id, target.Id, PasswordIn(privateMessage)), "The password sent privately should be the one Partner Center set.");
        Assert.DoesNotContain(Harness.SentTo(GroupChat.Id), IsPasswordMessage);
        Assert.DoesNotContain(Harness.Connector.Calls, call => call.Path.Contains(GroupChat.Id, StringComparison.Ordinal) && Json(call.Body).Contains(PasswordIn(privateMessage), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Second_reset_reuses_opened_chat()
    {
        var first = Harness.PlainUser();
        var second = Harness.Users(Harness.Muller).Last(user => !user.IsInactive && user.Roles.Count == 0);
        var firstId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, first, GroupChat);
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(firstId));
        await Harness.WaitForStatusAsync(firstId, ResetRequestStatus.Completed);

        var secondId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, second, GroupChat);
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(secondId));
        await Harness.WaitForStatusAsync(secondId, ResetRequestStatus.Completed);

        var created = Assert.Single(Harness.Connector.CreateConversationCalls);
        Assert.Equal(2, Harness.SentTo(created.ResponseId!).Count(IsPasswordMessage));
    }
}
