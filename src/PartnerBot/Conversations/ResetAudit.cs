using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>Audit entries for the steps of a reset request, in one place so every step is recorded the same way.</summary>
public sealed class ResetAudit(AuditTrail trail, TimeProvider timeProvider)
{
    public Task RecordAsync(ResetRequestRecord request, string action, Guid actor, string? outcome, CancellationToken cancellationToken) =>
        trail.AppendAsync(
            new AuditEvent
            {
                OccurredAt = timeProvider.GetUtcNow(),
                RequestId = request.Id,
                CorrelationId = request.CorrelationId,
                Action = action,
                ActorObjectId = actor,
                CustomerId = request.Details.CustomerId,
                UserId = request.Details.UserId,
                Outcome = outcome,
                Details = request.Details.Reason,
            },
            cancellationToken);
}
