using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Restarts and the removal of the password from the private message after PasswordMessageLifetime (15 minutes).
/// The harness keeps its database in a folder of its own, so a second bot host can start on it.
/// </summary>
public sealed class PasswordRemovalTests : IAsyncLifetime
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("partnerbot-restart-").FullName;

    private FlowHarness harness = null!;

    public async Task InitializeAsync()
    {
        harness = await FlowHarness.StartAsync(dataFolder: dataFolder);
        await harness.SayAsync(Approver, "help");
        await harness.SayAsync(SecondApprover, "help");
    }

    public async Task DisposeAsync()
    {
        await harness.WaitForBackgroundWorkAsync();
        await harness.DisposeAsync();
        Directory.Delete(dataFolder, recursive: true);
    }

    [Fact]
    public async Task Approval_after_restart_resets()
    {
        var target = harness.PlainUser();
        var requestId = await harness.RequestApprovalAsync(Requester, harness.Muller, target);

        await harness.RestartBotAsync();
        await harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var privateMessage = await harness.WaitForSentAsync(Requester.PersonalConversationId, IsPasswordMessage);

        Assert.Equal(ResetRequestStatus.Completed, (await harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed)).Status);
        Assert.True(harness.Sandbox.PasswordMatches(harness.Muller.Id, target.Id, PasswordIn(privateMessage)), "The password delivered after the restart should be the one Partner Center set.");
        Assert.Equal(1, harness.Sandbox.ResetCount(harness.Muller.Id, target.Id));
    }

    [Fact]
    public async Task Password_is_removed_after_lifetime()
    {
        var (messageId, password) = await CompleteResetAsync();

        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        await harness.Worker.RunOnceAsync(CancellationToken.None);

        var edit = Assert.Single(harness.UpdatesOf(messageId));
        Assert.Equal($"The temporary password for {harness.PlainUser().UserPrincipalName} was removed from this message.", edit["text"]!.GetValue<string>());
        Assert.DoesNotContain(password, Json(edit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_stays_before_lifetime()
    {
        var (messageId, _) = await CompleteResetAsync();

        harness.Clock.Advance(TimeSpan.FromMinutes(14));
        await harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Empty(harness.UpdatesOf(messageId));
    }

    [Fact]
    public async Task Removal_survives_restart()
    {
        var (messageId, password) = await CompleteResetAsync();

        await harness.RestartBotAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        await harness.Worker.RunOnceAsync(CancellationToken.None);

        var edit = Assert.Single(harness.UpdatesOf(messageId));
        Assert.DoesNotContain(password, Json(edit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removal_happens_once()
    {
        var (messageId, _) = await CompleteResetAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(16));

        await harness.Worker.RunOnceAsync(CancellationToken.None);
        await harness.Worker.RunOnceAsync(CancellationToken.None);

        Assert.Single(harness.UpdatesOf(messageId));
    }

    /// <summary>Runs a whole reset and returns the id and password of the private message.</summary>
    private async Task<(string MessageId, string Password)> CompleteResetAsync()
    {
        var requestId = await harness.RequestApprovalAsync(Requester, harness.Muller, harness.PlainUser());
        await harness.ClickAsync(Approver, Verbs.Approve, Data(requestId));
        var privateMessage = await harness.WaitForSentAsync(Requester.PersonalConversationId, IsPasswordMessage);
        await harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        return (harness.Connector.ActivityIdOf(privateMessage)!, PasswordIn(privateMessage));
    }
}
