using System.Globalization;
using System.Text.Json.Nodes;
using PartnerBot.Cards;
using PartnerBot.ResetClient;
using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>A user found by a search, with the user's directory roles.</summary>
public sealed record UserSearchResult(DirectoryUser User, IReadOnlyList<DirectoryRole> Roles)
{
    public bool IsPrivileged => Roles.Count > 0;
}

/// <summary>Builds the cards of a reset request from typed values, through the embedded templates.</summary>
public sealed class ResetCardBuilder(CardRenderer renderer)
{
    public const string CustomerDataset = "customers";

    /// <summary>
    /// The customer search card. <paramref name="continuation"/> is the token of the next page of results;
    /// when present, a "More results" button requests that page with the same search text.
    /// </summary>
    public string CustomerSearch(Guid requestId, string? query, IReadOnlyList<CustomerSummary>? results, string? continuation, string? notice)
    {
        var values = new CardValues();
        values.Nodes["queryInput"] = CardParts.TextInput("customerQuery", "Customer", "Company name or domain", query);
        values.Nodes["notice"] = notice is null ? null : CardParts.Notice(notice, "Warning");

        var actions = new JsonArray { CardParts.Execute("Search", Verbs.CustomerSearch, CardParts.Data(requestId), "positive") };
        if (results is { Count: > 0 })
        {
            values.Nodes["results"] = CardParts.Choices(
                "customerId",
                "Pick the customer",
                results.Select(customer => (DescribeCustomer(customer), customer.Id)),
                CustomerDataset);
            actions.Add(CardParts.Execute("Choose customer", Verbs.CustomerPick, CardParts.Data(requestId)));
            if (continuation is not null)
            {
                actions.Add(CardParts.Execute("More results", Verbs.CustomerSearch, CardParts.Data(requestId, ("continuation", continuation), ("customerQuery", query)), sendsInputs: false));
            }
        }
        else
        {
            values.Nodes["results"] = null;
        }

        actions.Add(CardParts.Execute("Cancel", Verbs.Cancel, CardParts.Data(requestId), "destructive", sendsInputs: false));
        values.Nodes["actions"] = actions;
        return renderer.Render("customer-search", values);
    }

    public string UserSearch(ResetRequestRecord request, string? query, IReadOnlyList<UserSearchResult>? results, string? notice, bool privilegedAllowed)
    {
        var values = new CardValues();
        values.Nodes["customerFacts"] = CustomerFacts(request.Details);
        values.Nodes["queryInput"] = CardParts.TextInput("userQuery", "User", "Display name or user principal name", query);

        var notices = new JsonArray();
        if (notice is not null)
        {
            notices.Add(CardParts.Notice(notice, "Warning"));
        }

        var actions = new JsonArray { CardParts.Execute("Search", Verbs.UserSearch, CardParts.Data(request.Id), "positive") };
        var pickable = results?.Where(result => result.User.State == DirectoryUserState.Active && (privilegedAllowed || !result.IsPrivileged)).ToArray() ?? [];
        var unpickable = results?.Except(pickable).ToArray() ?? [];
        foreach (var result in unpickable)
        {
            var reason = result.User.State == DirectoryUserState.Inactive ? "inactive" : "administrator, not allowed";
            notices.Add(CardParts.Notice($"{result.User.DisplayName} ({result.User.UserPrincipalName}): {reason}", "Attention"));
        }

        if (pickable.Length > 0)
        {
            notices.Add(CardParts.Choices("userId", "Pick the user", pickable.Select(result => (DescribeUser(result), result.User.Id))));
            actions.Add(CardParts.Execute("Choose user", Verbs.UserPick, CardParts.Data(request.Id)));
        }

        values.Nodes["notice"] = null;
        values.Nodes["results"] = notices;
        actions.Add(CardParts.Execute("Other customer", Verbs.Back, CardParts.Data(request.Id), sendsInputs: false));
        actions.Add(CardParts.Execute("Cancel", Verbs.Cancel, CardParts.Data(request.Id), "destructive", sendsInputs: false));
        values.Nodes["actions"] = actions;
        return renderer.Render("user-search", values);
    }

    public string Confirm(ResetRequestRecord request, string? notice)
    {
        var values = new CardValues();
        values.Nodes["facts"] = RequestFacts(request, includeReason: false);
        values.Nodes["notice"] = notice is null ? null : CardParts.Notice(notice, "Warning");
        values.Nodes["reasonInput"] = CardParts.TextInput("reason", "Reason (optional)", "Ticket number or a short reason", request.Details.Reason);
        values.Nodes["actions"] = new JsonArray
        {
            CardParts.Execute("Request approval", Verbs.Submit, CardParts.Data(request.Id), "positive"),
            CardParts.Execute("Other user", Verbs.Back, CardParts.Data(request.Id), sendsInputs: false),
            CardParts.Execute("Cancel", Verbs.Cancel, CardParts.Data(request.Id), "destructive", sendsInputs: false),
        };
        return renderer.Render("confirm-request", values);
    }

    /// <summary>The requester's card once the request is with the approvers or finished. It never contains a password.</summary>
    public string RequestStatus(ResetRequestRecord request, string status, string color, bool allowCancel)
    {
        var values = new CardValues();
        var facts = RequestFacts(request, includeReason: true);
        if (allowCancel)
        {
            facts.Add(CardParts.Fact("Expires", request.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        }

        values.Nodes["facts"] = facts;
        values.Nodes["status"] = CardParts.Notice(status, color);
        values.Nodes["actions"] = allowCancel
            ? new JsonArray { CardParts.Execute("Cancel request", Verbs.Cancel, CardParts.Data(request.Id), "destructive", sendsInputs: false) }
            : new JsonArray();
        return renderer.Render("request-status", values);
    }

    /// <summary>
    /// The approval card. <paramref name="canDecide"/> adds the comment box and the Approve and Reject buttons;
    /// <paramref name="refreshUserIds"/> lists the Teams user ids that get a personal refreshed view.
    /// </summary>
    public string Approval(ResetRequestRecord request, string status, string color, bool canDecide, IReadOnlyList<string> refreshUserIds)
    {
        var values = new CardValues();
        var facts = RequestFacts(request, includeReason: true);
        facts.Insert(0, CardParts.Fact("Requested by", request.Details.RequesterName));
        facts.Add(CardParts.Fact("Expires", request.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
        values.Nodes["facts"] = facts;
        values.Nodes["status"] = CardParts.Notice(status, color);

        if (canDecide)
        {
            values.Nodes["inputs"] = CardParts.TextInput("comment", "Comment (optional)", "Shown to the requester", maxLength: 500);
            values.Nodes["actions"] = new JsonArray
            {
                CardParts.Execute("Approve", Verbs.Approve, CardParts.Data(request.Id), "positive"),
                CardParts.Execute("Reject", Verbs.Reject, CardParts.Data(request.Id), "destructive"),
            };
        }
        else
        {
            values.Nodes["inputs"] = null;
            values.Nodes["actions"] = new JsonArray();
        }

        values.Nodes["refresh"] = refreshUserIds.Count == 0
            ? null
            : new JsonObject
            {
                ["action"] = CardParts.Execute("Refresh", Verbs.Refresh, CardParts.Data(request.Id)),
                ["userIds"] = new JsonArray(refreshUserIds.Take(60).Select(id => (JsonNode)JsonValue.Create(id)).ToArray()),
            };
        return renderer.Render("approval", values);
    }

    public string Resume(ResetRequestRecord request)
    {
        var values = new CardValues();
        values.Nodes["facts"] = RequestFacts(request, includeReason: false);
        values.Nodes["actions"] = new JsonArray
        {
            CardParts.Execute("Continue", Verbs.Continue, CardParts.Data(request.Id), "positive", sendsInputs: false),
            CardParts.Execute("Start over", Verbs.Restart, CardParts.Data(request.Id), "destructive", sendsInputs: false),
        };
        return renderer.Render("resume-request", values);
    }

    /// <summary>Names a customer with its domain; Graph's customer list has no domain, so then only the name is shown.</summary>
    public static string DescribeCustomer(CustomerSummary customer) =>
        string.IsNullOrEmpty(customer.Domain) ? customer.CompanyName : $"{customer.CompanyName} ({customer.Domain})";

    private static string DescribeUser(UserSearchResult result)
    {
        var marker = result.IsPrivileged ? " [administrator: " + string.Join(", ", result.Roles.Select(role => role.Name)) + "]" : string.Empty;
        return $"{result.User.DisplayName} ({result.User.UserPrincipalName}), active{marker}";
    }

    /// <summary>Facts about the chosen customer; values not chosen yet are left out.</summary>
    private static JsonArray CustomerFacts(ResetRequestDetails details) => FactsWithValues(
        ("Customer", details.CustomerName),
        ("Domain", details.CustomerDomain),
        ("Tenant id", details.CustomerId));

    private static JsonArray FactsWithValues(params (string Label, string? Value)[] facts) =>
        [.. facts.Where(fact => !string.IsNullOrEmpty(fact.Value)).Select(fact => (JsonNode)CardParts.Fact(fact.Label, fact.Value))];

    private static JsonArray RequestFacts(ResetRequestRecord request, bool includeReason)
    {
        var facts = CustomerFacts(request.Details);
        foreach (var fact in FactsWithValues(("User", request.Details.UserDisplayName), ("User principal name", request.Details.UserPrincipalName)).ToArray())
        {
            facts.Add(fact!.DeepClone());
        }
        if (request.Details.TargetIsPrivileged)
        {
            facts.Add(CardParts.Notice("This user holds an administrator role. Only a privileged approver can approve.", "Attention"));
        }

        if (includeReason && !string.IsNullOrEmpty(request.Details.Reason))
        {
            facts.Add(CardParts.Fact("Reason", request.Details.Reason));
        }

        return facts;
    }
}
