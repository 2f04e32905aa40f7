using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerBot.Audit;
using PartnerBot.Resets;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Audit;

public sealed class AuditCommandTests : IAsyncLifetime
{
    private FlowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync();
        var store = harness.Factory.Services.GetRequiredService<ResetRequestStore>();
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        for (var index = 0; index < 12; index++)
        {
            await store.InsertAsync(
                new ResetRequestRecord
                {
                    Id = Guid.NewGuid(),
                    RequesterObjectId = Requester.ObjectId,
                    ConversationId = Requester.PersonalConversationId,
                    Status = index == 11 ? ResetRequestStatus.AwaitingApproval : ResetRequestStatus.Completed,
                    CorrelationId = Guid.NewGuid(),
                    Details = new ResetRequestDetails
                    {
                        RequesterName = Requester.Name,
                        ApproverName = Approver.Name,
                        CustomerName = "Müller Logistik GmbH",
                        UserPrincipalName = $"user{index}@mueller.example",
                    },
                    CreatedAt = start.AddMinutes(index),
                    UpdatedAt = start.AddMinutes(index),
                    ExpiresAt = start.AddHours(1),
                },
                CancellationToken.None);
        }
    }

    public Task DisposeAsync() => harness.DisposeAsync().AsTask();

    [Fact]
    public async Task Approver_sees_latest_finished_first()
    {
        await harness.SayAsync(Approver, "audit");

        var card = CardText(harness.SentTo(Approver.PersonalConversationId)[^1]);
        Assert.Contains("Latest password resets, page 1", card, StringComparison.Ordinal);
        Assert.Contains("user10@mueller.example", card, StringComparison.Ordinal);
        Assert.DoesNotContain("user0@mueller.example", card, StringComparison.Ordinal);
        Assert.DoesNotContain("user11@mueller.example", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Older_button_shows_next_page()
    {
        var response = await harness.ClickAsync(Approver, AuditCardBuilder.PageVerb, new JsonObject { ["page"] = "1" });

        var card = Json(response["value"]);
        Assert.Contains("page 2", card, StringComparison.Ordinal);
        Assert.Contains("user0@mueller.example", card, StringComparison.Ordinal);
        Assert.Contains("Newer", ButtonTitles(response["value"]!));
    }

    [Fact]
    public async Task Requester_cannot_see_audit()
    {
        await harness.SayAsync(Requester, "audit");

        var reply = harness.SentTo(Requester.PersonalConversationId)[^1];
        Assert.Equal("Only PartnerBot approvers can see the audit trail.", reply["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task Stranger_cannot_page_audit()
    {
        var response = await harness.ClickAsync(Stranger, AuditCardBuilder.PageVerb, new JsonObject { ["page"] = "0" });

        Assert.Equal("Only PartnerBot approvers can see the audit trail.", response["value"]?.GetValue<string>());
    }
}
