using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Clicks that must change nothing: other people's clicks, repeated clicks and forged card data.</summary>
public class CardActionGuardTests : FlowTestBase
{
    private const string NotYourRequestSentence = "This card belongs to another person's request. Type reset password to start your own.";
    private const string RequestNotFoundSentence = "This request no longer exists. Type reset password to start a new one.";
    private const string UnknownActionSentence = "This card action is not recognised. Start again by typing reset password.";

    private static readonly ConversationRef GroupChat = new("19:helpdesk-shift@thread.v2", "groupChat");

    [Theory]
    [InlineData(Verbs.CustomerSearch)]
    [InlineData(Verbs.CustomerPick)]
    [InlineData(Verbs.Cancel)]
    [InlineData(Verbs.Restart)]
    public async Task Stranger_click_in_group_chat_is_refused(string verb)
    {
        var requestId = await Harness.StartRequestAsync(Requester, GroupChat);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Stranger, verb, Data(requestId, ("customerQuery", "Müller"), ("customerId", Harness.Muller.Id.ToString())), GroupChat);

        Assert.Equal(NotYourRequestSentence, SentenceOf(response));
        Assert.Equal(before!.Status, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(before.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Colleague_cannot_submit_request()
    {
        var requestId = await Harness.StartRequestAsync(Requester, GroupChat);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller, GroupChat);
        await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser(), GroupChat);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(SecondRequester, Verbs.Submit, Data(requestId, ("reason", "mine now")), GroupChat);

        Assert.Equal(NotYourRequestSentence, SentenceOf(response));
        Assert.Equal(ResetRequestStatus.Confirming, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
        Assert.DoesNotContain(Harness.SentTo(Approver.PersonalConversationId), activity => TextOf(activity).Contains(requestId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_customer_pick_changes_nothing()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var first = await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var version = (await Harness.ReadRequestAsync(requestId))!.Version;

        var second = await Harness.ClickAsync(Requester, Verbs.CustomerPick, Data(requestId, ("customerId", Harness.Muller.Id.ToString())));

        Assert.Equal(CardOf(first), CardOf(second));
        Assert.Equal(version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Repeated_user_pick_changes_nothing()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var first = await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser());
        var version = (await Harness.ReadRequestAsync(requestId))!.Version;

        var second = await Harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", Harness.PlainUser().Id.ToString())));

        Assert.Equal(CardOf(first), CardOf(second));
        Assert.Equal(version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Repeated_submit_sends_one_approval()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser());
        var first = await Harness.ClickAsync(Requester, Verbs.Submit, Data(requestId, ("reason", "Ticket #1")));
        var version = (await Harness.ReadRequestAsync(requestId))!.Version;

        var second = await Harness.ClickAsync(Requester, Verbs.Submit, Data(requestId, ("reason", "Ticket #2")));
        await Harness.WaitForApprovalCardsAsync(requestId);

        Assert.Equal(CardOf(first), CardOf(second));
        Assert.Equal(version, (await Harness.ReadRequestAsync(requestId))!.Version);
        Assert.Single(Harness.SentTo(Approver.PersonalConversationId), activity => TextOf(activity).Contains(requestId.ToString(), StringComparison.Ordinal));
        Assert.Single(await Harness.AuditEventsAsync(requestId), auditEvent => auditEvent.Action == "requested");
    }

    [Fact]
    public async Task Repeated_approve_resets_once()
    {
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, Harness.PlainUser());
        var first = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        var second = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var completed = await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        var third = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        Assert.Contains("Approved by Bruno Approver", CardOf(first), StringComparison.Ordinal);
        Assert.Contains("Approved by Bruno Approver", CardOf(second), StringComparison.Ordinal);
        Assert.Contains("Approved by Bruno Approver", CardOf(third), StringComparison.Ordinal);
        Assert.Equal(1, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
        Assert.Single(Harness.ResetCallsFor(completed.Details.UserId!));
        Assert.Single(Harness.SentTo(Requester.PersonalConversationId), IsPasswordMessage);
        Assert.Single(await Harness.AuditEventsAsync(requestId), auditEvent => auditEvent.Action == "approved");
    }

    [Fact]
    public async Task Other_requesters_request_id_is_refused()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(SecondRequester, Verbs.CustomerPick, Data(requestId, ("customerId", Harness.Muller.Id.ToString())));

        Assert.Equal(NotYourRequestSentence, SentenceOf(response));
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Theory]
    [InlineData(Verbs.CustomerSearch)]
    [InlineData(Verbs.Submit)]
    [InlineData(Verbs.Approve)]
    [InlineData(Verbs.Reject)]
    public async Task Unknown_request_id_is_refused(string verb)
    {
        var person = verb.StartsWith("approval.", StringComparison.Ordinal) ? Approver : Requester;

        var response = await Harness.ClickAsync(person, verb, Data(Guid.NewGuid(), ("customerQuery", "Müller")));

        Assert.Equal(RequestNotFoundSentence, SentenceOf(response));
    }

    [Theory]
    [InlineData(Verbs.CustomerPick)]
    [InlineData(Verbs.Approve)]
    public async Task Missing_request_id_is_refused(string verb)
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var person = verb.StartsWith("approval.", StringComparison.Ordinal) ? Approver : Requester;

        var withoutId = await Harness.ClickAsync(person, verb, []);
        var numericId = await Harness.ClickAsync(person, verb, new JsonObject { ["requestId"] = 42 });

        Assert.Equal(RequestNotFoundSentence, SentenceOf(withoutId));
        Assert.Equal(RequestNotFoundSentence, SentenceOf(numericId));
        Assert.Equal(ResetRequestStatus.SelectingCustomer, (await Harness.ReadRequestAsync(requestId))!.Status);
    }

    [Fact]
    public async Task Pick_without_customer_asks_again()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, Verbs.CustomerPick, Data(requestId));

        Assert.Contains("Pick a customer from the list first.", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Pick_without_user_asks_again()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", "not-a-guid")));

        Assert.Contains("Pick a user from the list first.", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Unknown_reset_verb_is_refused()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, "reset.approveMyself", Data(requestId));

        Assert.Equal(UnknownActionSentence, SentenceOf(response));
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Foreign_verb_gets_error_card()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, "admin.grantAll", Data(requestId));

        Assert.Contains(UnknownActionSentence, CardOf(response), StringComparison.Ordinal);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Approve_before_submit_changes_nothing()
    {
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser());
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        Assert.DoesNotContain(Verbs.Approve, CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.Confirming, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
        Assert.Equal(0, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
    }

    [Fact]
    public async Task Confirm_keeps_customer_from_request()
    {
        var contoso = Harness.Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.ContosoMegacorpId))!;
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        await Harness.ChooseUserAsync(Requester, requestId, Harness.PlainUser());

        await Harness.ClickAsync(Requester, Verbs.Submit, Data(requestId, ("reason", "x"), ("customerId", contoso.Id.ToString()), ("userId", Harness.Sandbox.Directory.GetUser(contoso, 4).Id.ToString())));
        await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);

        Assert.Equal(1, Harness.Sandbox.ResetCount(Harness.Muller.Id, Harness.PlainUser().Id));
        Assert.Equal(0, Harness.Sandbox.ResetCount(contoso.Id, Harness.Sandbox.Directory.GetUser(contoso, 4).Id));
    }
}
