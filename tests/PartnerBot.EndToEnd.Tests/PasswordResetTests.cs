using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// A helpdesk agent requests a password reset in one Agents Playground and an approver approves it in a second
/// one, both against the same bot and its Partner Center sandbox.
/// </summary>
/// <remarks>
/// NOTE: the requester's page opens the same personal conversation as <see cref="PersonalChatTests"/>, so a
/// request that an earlier test left open is cancelled first.
/// </remarks>
[Collection(PlaygroundCollection.Name)]
public sealed class PasswordResetTests(PlaygroundFixture playground, ITestOutputHelper output) : PasswordResetScenario(playground, output);

/// <summary>The same flow with PartnerBot:Backend = Graph: the bot searches and resets through the Graph sandbox.</summary>
[Collection(GraphPlaygroundCollection.Name)]
public sealed class GraphPasswordResetTests(GraphPlaygroundFixture playground, ITestOutputHelper output) : PasswordResetScenario(playground, output);

/// <summary>The whole reset as two people do it, run once per directory backend.</summary>
public abstract class PasswordResetScenario(PlaygroundFixture playground, ITestOutputHelper output)
{
    /// <summary>Müller Logistik GmbH, one of the customers that the sandbox seeds with a fixed id.</summary>
    private const string CustomerId = "3f0b8d2c-1a47-4c9e-8b53-7d6e2f1a0c94";

    private const string CustomerSearchText = "Müller Logistik";

    /// <summary>The current user of playground/approver.yml.</summary>
    private const string ApproverName = "Bruno Approver";

    private const string Reason = "Ticket 4711: locked out after the holidays";

    [Fact]
    public async Task Approved_reset_sends_password_to_requester()
    {
        using var sandbox = new SandboxClient(playground.SandboxUrl);
        var customer = await sandbox.GetCustomerAsync(CustomerId);
        var target = await FindResettableUserAsync(sandbox);
        var resetsBefore = (await sandbox.CheckPasswordAsync(CustomerId, target.Id, "not-the-password")).ResetCount;

        // Bruno's page opens first, because its page load gives the bot the address for his approval card.
        await using var approver = await playground.OpenApproverChatAsync(output);
        await using var requester = await playground.OpenPersonalChatAsync(output);
        await CancelOpenRequestAsync(requester);

        await requester.SendAsync("reset password");
        var customerCard = requester.CardIn(requester.ReplyContaining(ExpectedReplies.CustomerCardTitle));
        await customerCard.FillAsync(ExpectedReplies.CustomerInput, CustomerSearchText);
        await customerCard.ClickAsync(ExpectedReplies.SearchButton);
        // Graph's customer list has no domains, so there the choice shows the company name alone.
        var domain = playground.Backend == "Graph" ? null : customer.CompanyProfile.Domain;
        await customerCard.PickAsync(ExpectedReplies.CustomerChoices, ExpectedReplies.CustomerChoice(customer.CompanyProfile.CompanyName, domain));
        await customerCard.ClickAsync(ExpectedReplies.ChooseCustomerButton);

        var userCard = requester.CardIn(requester.ReplyContaining(ExpectedReplies.UserCardTitle));
        await userCard.FillAsync(ExpectedReplies.UserInput, target.DisplayName);
        await userCard.ClickAsync(ExpectedReplies.SearchButton);
        await userCard.PickAsync(ExpectedReplies.UserChoices, ExpectedReplies.UserChoice(target.DisplayName, target.UserPrincipalName));
        await userCard.ClickAsync(ExpectedReplies.ChooseUserButton);

        var confirmCard = requester.CardIn(requester.ReplyContaining(ExpectedReplies.ConfirmCardTitle));
        await confirmCard.FillAsync(ExpectedReplies.ReasonInput, Reason);
        await confirmCard.ClickAsync(ExpectedReplies.RequestApprovalButton);

        var statusCard = requester.CardIn(requester.ReplyContaining(ExpectedReplies.RequestStatusCardTitle));
        await statusCard.AssertShowsAsync(ExpectedReplies.WaitingForApproval);

        var approvalCard = approver.CardIn(approver.MessageContaining(ExpectedReplies.ApprovalCardTitle));
        await approvalCard.AssertShowsAsync(target.UserPrincipalName);
        await approvalCard.AssertShowsAsync(Reason);
        await approvalCard.ClickAsync(ExpectedReplies.ApproveButton);

        var passwordMessage = requester.ReplyContaining(ExpectedReplies.PasswordMessageStart);
        var passwordText = await requester.ReadTextAsync(passwordMessage, "the private message with the temporary password");
        var password = string.Empty;
        await requester.VerifyAsync("the message ends with a blank line and the password", () =>
        {
            password = ReadPassword(passwordText, target.UserPrincipalName, customer.CompanyProfile.CompanyName);
            return Task.CompletedTask;
        });

        await approvalCard.AssertShowsAsync(ExpectedReplies.ResetCompleted(ApproverName));
        await approvalCard.AssertDoesNotShowAsync(password, "temporary password");
        await approver.AssertPageDoesNotShowAsync(password, "temporary password");
        await statusCard.AssertShowsAsync(ExpectedReplies.ResetCompleted(ApproverName));
        await statusCard.AssertDoesNotShowAsync(password, "temporary password");

        // Screenshots of the finished flow, for a person to look at; failures save their own.
        await playground.SaveScreenshotsOfOpenPagesAsync($"{GetType().Name}-finished");

        await requester.VerifyAsync("the sandbox applied exactly one reset, with the password from the message", async () =>
        {
            var check = await sandbox.CheckPasswordAsync(CustomerId, target.Id, password);
            Assert.True(check.Matches, $"The password in the message is not {target.UserPrincipalName}'s current password in the sandbox.");
            Assert.Equal(resetsBefore + 1, check.ResetCount);

            var userPath = playground.Backend == "Graph" ? $"/v1.0/users/{target.Id}" : $"/v1/customers/{CustomerId}/users/{target.Id}";
            var resetRequestCount = (await sandbox.ListRecordedRequestsAsync())
                .Count(request => request.Method == "PATCH" && string.Equals(request.Path, userPath, StringComparison.OrdinalIgnoreCase));
            Assert.True(resetRequestCount == 1, $"The sandbox received {resetRequestCount} reset requests (PATCH {userPath}), expected 1.");
        });
    }

    /// <summary>
    /// Returns the first of the customer's users whom PartnerBot may reset: active, without directory roles and
    /// not synchronised from an on-premises directory, so no card shows a warning or rejects the pick.
    /// </summary>
    private static async Task<SandboxUser> FindResettableUserAsync(SandboxClient sandbox)
    {
        var users = await sandbox.ListUsersAsync(CustomerId);
        foreach (var user in users.Where(user => user.State == "active" && user.LastDirectorySyncTime is null))
        {
            if (await sandbox.CountDirectoryRolesAsync(CustomerId, user.Id) == 0)
            {
                return user;
            }
        }

        throw new InvalidOperationException(
            $"None of the {users.Count} users of customer {CustomerId} in the sandbox is active, without roles and not synchronised, so the test has no user to reset.");
    }

    /// <summary>Ends a request that an earlier test left open, so that "reset password" starts a new one.</summary>
    /// <remarks>
    /// NOTE: when a request is open, the bot updates its card on the page that showed it, which is closed by now.
    /// In 2 of 6 repeated tries on a 2-core machine, the Agents Playground 0.2.28 then did not show this page the
    /// reply to cancel, and the step fails. Tests that start a request therefore cancel it on their own page.
    /// </remarks>
    private static async Task CancelOpenRequestAsync(PlaygroundChat requester)
    {
        await requester.SendAsync("cancel");

        var anyCancelReply = new Regex(string.Join('|', new[]
        {
            ExpectedReplies.RequestCancelled,
            ExpectedReplies.NothingToCancel,
            ExpectedReplies.TooLateToCancel,
        }.Select(Regex.Escape)));
        await requester.AssertVisibleAsync(requester.ReplyMatching(anyCancelReply), "the reply to cancel");
    }

    private static string ReadPassword(string messageText, string userPrincipalName, string customerName)
    {
        var match = ExpectedReplies.PasswordMessage(userPrincipalName, customerName).Match(messageText);
        Assert.True(match.Success, $"The private message does not end with a blank line and the password. It reads: {messageText}");
        return match.Groups["password"].Value;
    }
}
