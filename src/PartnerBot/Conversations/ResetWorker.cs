using Microsoft.Extensions.Options;
using PartnerBot.Configuration;
using PartnerBot.Resets;
using PartnerBot.Storage;

namespace PartnerBot.Conversations;

/// <summary>
/// Periodic work that must happen even when no one writes to the bot: expiring requests, removing passwords
/// from private messages when due, and finishing requests that an instance left behind when it stopped.
/// Every step is a compare-and-set or a delete, so several instances can run it at once.
/// </summary>
public sealed class ResetWorker(
    ResetRequestStore requests,
    ConversationStore conversations,
    ApprovalFlow approvals,
    IMessenger messenger,
    AuditTrail auditTrail,
    TimeProvider timeProvider,
    IOptions<PartnerBotOptions> options,
    IOptions<StorageOptions> storageOptions,
    ILogger<ResetWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>Stops the periodic passes, then waits for resets that approvals on this instance started.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await approvals.WaitForRunningResetsAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WorkerInterval, timeProvider);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.WorkerPassFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs one pass of every periodic task.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();

        foreach (var request in await requests.ListExpiredAsync(now, BatchSize, cancellationToken))
        {
            await approvals.ExpireAsync(request, cancellationToken);
        }

        foreach (var removal in await conversations.ListDueRemovalsAsync(now, BatchSize, cancellationToken))
        {
            await RemovePasswordAsync(removal, cancellationToken);
        }

        foreach (var approved in await requests.ListStaleAsync(ResetRequestStatus.Approved, now - options.Value.AbandonedApprovalAge, BatchSize, cancellationToken))
        {
            Log.StaleRequestTakenOver(logger, approved.Id, approved.Status.ToString(), approved.UpdatedAt);
            await approvals.CompleteApprovedAsync(approved, cancellationToken);
        }

        foreach (var resetting in await requests.ListStaleAsync(ResetRequestStatus.Resetting, now - options.Value.AbandonedResetAge, BatchSize, cancellationToken))
        {
            Log.StaleRequestTakenOver(logger, resetting.Id, resetting.Status.ToString(), resetting.UpdatedAt);
            await approvals.FailAbandonedResetAsync(resetting, cancellationToken);
        }

        var cutoff = now - storageOptions.Value.AuditRetention;
        var deleted = await auditTrail.DeleteOlderThanAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            Log.AuditRetentionApplied(logger, deleted, cutoff);
        }
    }

    private async Task RemovePasswordAsync(ScheduledRemoval removal, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(removal.RequestId, cancellationToken);
        try
        {
            await messenger.UpdateTextAsync(removal.Address, removal.ActivityId, Messages.PasswordRemoved(request?.Details.UserPrincipalName), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.PasswordRemovalFailed(logger, exception, removal.ActivityId, removal.RequestId);
            return;
        }

        if (await conversations.CompleteRemovalAsync(removal.ActivityId, cancellationToken))
        {
            Log.PasswordRemoved(logger, removal.ActivityId, removal.RequestId);
        }
    }
}
