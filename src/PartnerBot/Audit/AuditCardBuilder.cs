using System.Globalization;
using System.Text.Json.Nodes;
using PartnerBot.Cards;
using PartnerBot.Storage;

namespace PartnerBot.Audit;

/// <summary>The "audit" card: the latest finished reset requests, one page at a time.</summary>
public sealed class AuditCardBuilder(CardRenderer renderer)
{
    public const int PageSize = 10;
    public const string PageVerb = "audit.page";

    public string Render(IReadOnlyList<ResetRequestRecord> requests, int page, bool hasOlder)
    {
        var rows = new JsonArray();
        if (requests.Count == 0)
        {
            rows.Add(CardParts.Notice(page == 0 ? "No password reset requests have finished yet." : "There are no older requests."));
        }

        foreach (var request in requests)
        {
            var time = request.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            rows.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray
                {
                    CardParts.Fact("When", time),
                    CardParts.Fact("Outcome", request.Status.ToString()),
                    CardParts.Fact("Requester", request.Details.RequesterName),
                    CardParts.Fact("Approver", request.Details.ApproverName),
                    CardParts.Fact("Customer", request.Details.CustomerName),
                    CardParts.Fact("User", request.Details.UserPrincipalName),
                    CardParts.Fact("Reason", request.Details.Reason),
                    CardParts.Fact("Comment", request.Details.DecisionComment),
                    CardParts.Fact("Correlation id", request.CorrelationId.ToString()),
                },
            });
        }

        var actions = new JsonArray();
        if (page > 0)
        {
            actions.Add(CardParts.Execute("Newer", PageVerb, new JsonObject { ["page"] = (page - 1).ToString(CultureInfo.InvariantCulture) }));
        }

        if (hasOlder)
        {
            actions.Add(CardParts.Execute("Older", PageVerb, new JsonObject { ["page"] = (page + 1).ToString(CultureInfo.InvariantCulture) }));
        }

        var values = new CardValues();
        values.Texts["page"] = (page + 1).ToString(CultureInfo.InvariantCulture);
        values.Nodes["rows"] = rows;
        values.Nodes["actions"] = actions;
        return renderer.Render("audit", values);
    }
}
