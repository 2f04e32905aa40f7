using System.Text.Json.Nodes;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Sandbox.Data;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>Users that cannot be picked: administrators under the default policy (Reject), and inactive users.</summary>
public class TargetPolicyTests : FlowTestBase
{
    [Fact]
    public async Task Administrator_is_not_offered()
    {
        var admin = Administrator(Harness);
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);

        var results = await Harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", admin.UserPrincipalName)));

        Assert.DoesNotContain(admin.Id.ToString(), ChoiceValues(results));
        Assert.Contains($"{admin.DisplayName} ({admin.UserPrincipalName}): administrator, not allowed", CardOf(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_pick_names_the_role()
    {
        var admin = Administrator(Harness);
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", admin.Id.ToString())));

        // Partner Center and Graph name some roles differently, so only the sentence's start is fixed here.
        Assert.Contains($"{admin.DisplayName} holds an administrator role (", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.SelectingUser, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    [Fact]
    public async Task Inactive_user_is_not_offered()
    {
        var (customer, inactive) = InactiveUser();
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, customer);

        var results = await Harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", inactive.UserPrincipalName)));

        Assert.DoesNotContain(inactive.Id.ToString(), ChoiceValues(results));
        Assert.Contains($"{inactive.DisplayName} ({inactive.UserPrincipalName}): inactive", CardOf(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_inactive_pick_is_refused()
    {
        var (customer, inactive) = InactiveUser();
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, customer);
        var before = await Harness.ReadRequestAsync(requestId);

        var response = await Harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", inactive.Id.ToString())));

        Assert.Contains($"{inactive.DisplayName} is inactive, so PartnerBot cannot reset this user's password.", CardOf(response), StringComparison.Ordinal);
        Assert.Equal(ResetRequestStatus.SelectingUser, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.Equal(before!.Version, (await Harness.ReadRequestAsync(requestId))!.Version);
    }

    /// <summary>Returns a Müller Logistik user who has a directory role.</summary>
    internal static SandboxUser Administrator(FlowHarness harness) =>
        harness.Users(harness.Muller).First(user => !user.IsInactive && user.Roles.Count > 0);

    /// <summary>Returns the values of the user choice list on a card, empty when the card has none.</summary>
    internal static IReadOnlyList<string> ChoiceValues(JsonObject invokeResponse) =>
        Descendants(invokeResponse["value"]!)
            .Where(node => node["type"]?.GetValue<string>() == "Input.ChoiceSet")
            .SelectMany(choiceSet => choiceSet["choices"]?.AsArray() ?? [])
            .Select(choice => choice!["value"]!.GetValue<string>())
            .ToArray();

    private static IEnumerable<JsonObject> Descendants(JsonNode node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(property => property.Value is null ? [] : Descendants(property.Value))),
        JsonArray array => array.SelectMany(item => item is null ? [] : Descendants(item)),
        _ => [],
    };

    /// <summary>Finds a small customer with a relationship whose user at position 13 is inactive in the seeded directory.</summary>
    private (SandboxCustomer Customer, SandboxUser User) InactiveUser()
    {
        var customer = Harness.Sandbox.Directory.Customers.First(candidate => candidate.Index > 2 && candidate.HasRelationship && candidate.UserCount is >= 14 and <= 300);
        return (customer, Harness.Users(customer).First(user => user.IsInactive));
    }
}

/// <summary>Administrators as targets when PartnerBot:PrivilegedTargets is RequirePrivilegedApprover.</summary>
public sealed class PrivilegedApproverTests : FlowTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["PartnerBot:PrivilegedTargets"] = "RequirePrivilegedApprover",
        ["PartnerBot:PrivilegedApprovers:0"] = SecondApprover.ObjectId.ToString(),
    };

    [Fact]
    public async Task Ordinary_approver_cannot_approve_administrator()
    {
        var admin = TargetPolicyTests.Administrator(Harness);
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, admin);

        var response = await Harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));

        Assert.Equal("This user holds an administrator role, so only a privileged approver can decide on this request.", SentenceOf(response));
        Assert.Equal(ResetRequestStatus.AwaitingApproval, (await Harness.ReadRequestAsync(requestId))!.Status);
        Assert.DoesNotContain(Harness.SentTo(Approver.PersonalConversationId), activity => TextOf(activity).Contains(requestId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Privileged_approver_approves_administrator()
    {
        var admin = TargetPolicyTests.Administrator(Harness);
        var requestId = await Harness.RequestApprovalAsync(Requester, Harness.Muller, admin);

        await Harness.ClickAsync(SecondApprover, Verbs.Approve, Data(requestId));
        var privateMessage = await Harness.WaitForSentAsync(Requester.PersonalConversationId, IsPasswordMessage);

        Assert.Equal(ResetRequestStatus.Completed, (await Harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed)).Status);
        Assert.True(Harness.Sandbox.PasswordMatches(Harness.Muller.Id, admin.Id, PasswordIn(privateMessage)), "The administrator's new password should be the one sent privately.");
    }

    [Fact]
    public async Task Administrator_is_offered_with_marker()
    {
        var admin = TargetPolicyTests.Administrator(Harness);
        var requestId = await Harness.StartRequestAsync(Requester);
        await Harness.ChooseCustomerAsync(Requester, requestId, Harness.Muller);

        var results = await Harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", admin.UserPrincipalName)));

        Assert.Contains(admin.Id.ToString(), TargetPolicyTests.ChoiceValues(results));
        Assert.Contains($"[administrator: {admin.Roles[0].Name}", CardOf(results), StringComparison.Ordinal);
    }
}
