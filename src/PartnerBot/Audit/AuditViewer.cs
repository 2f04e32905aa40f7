using System.Globalization;
using PartnerBot.Commands;
using PartnerBot.Conversations;
using PartnerBot.Storage;

namespace PartnerBot.Audit;

/// <summary>Shows approvers the latest finished reset requests, from the "audit" command and its paging buttons.</summary>
public sealed class AuditViewer(ResetRequestStore requests, AuditCardBuilder cards, StaffPolicy staff)
{
    private const int MaxPage = 1000;

    public async Task<IReadOnlyList<Reply>> ShowAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        if (!await staff.MayApproveAsync(message.From.ObjectId, cancellationToken))
        {
            return [new TextReply(Messages.AuditOnlyForApprovers)];
        }

        return [new CardReply(await RenderPageAsync(0, cancellationToken))];
    }

    public async Task<CardActionResult> HandleAsync(CardAction action, CancellationToken cancellationToken)
    {
        if (!await staff.MayApproveAsync(action.Actor.ObjectId, cancellationToken))
        {
            return new ActionMessage(Messages.AuditOnlyForApprovers);
        }

        var page = int.TryParse(action.ReadString("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? Math.Min(parsed, MaxPage) : 0;
        return new UpdatedCard(await RenderPageAsync(page, cancellationToken));
    }

    private async Task<string> RenderPageAsync(int page, CancellationToken cancellationToken)
    {
        // One extra row shows whether an older page exists.
        var rows = await requests.ListFinishedAsync(AuditCardBuilder.PageSize + 1, page * AuditCardBuilder.PageSize, cancellationToken);
        return cards.Render(rows.Take(AuditCardBuilder.PageSize).ToArray(), page, rows.Count > AuditCardBuilder.PageSize);
    }
}
