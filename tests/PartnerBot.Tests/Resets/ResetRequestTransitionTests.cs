using PartnerBot.Resets;

namespace PartnerBot.Tests.Resets;

public sealed class ResetRequestTransitionTests
{
    [Theory]
    [InlineData(ResetRequestStatus.SelectingCustomer, ResetRequestStatus.SelectingUser)]
    [InlineData(ResetRequestStatus.SelectingUser, ResetRequestStatus.Confirming)]
    [InlineData(ResetRequestStatus.Confirming, ResetRequestStatus.AwaitingApproval)]
    [InlineData(ResetRequestStatus.AwaitingApproval, ResetRequestStatus.Approved)]
    [InlineData(ResetRequestStatus.AwaitingApproval, ResetRequestStatus.Rejected)]
    [InlineData(ResetRequestStatus.AwaitingApproval, ResetRequestStatus.Expired)]
    [InlineData(ResetRequestStatus.Approved, ResetRequestStatus.Resetting)]
    [InlineData(ResetRequestStatus.Approved, ResetRequestStatus.Failed)]
    [InlineData(ResetRequestStatus.Resetting, ResetRequestStatus.Completed)]
    [InlineData(ResetRequestStatus.Resetting, ResetRequestStatus.Failed)]
    public void Happy_and_decision_moves_are_allowed(ResetRequestStatus from, ResetRequestStatus to)
    {
        Assert.True(ResetRequestTransitions.IsAllowed(from, to));
    }

    [Theory]
    [InlineData(ResetRequestStatus.SelectingCustomer, ResetRequestStatus.Approved)]
    [InlineData(ResetRequestStatus.Confirming, ResetRequestStatus.Resetting)]
    [InlineData(ResetRequestStatus.AwaitingApproval, ResetRequestStatus.Resetting)]
    [InlineData(ResetRequestStatus.Resetting, ResetRequestStatus.Cancelled)]
    [InlineData(ResetRequestStatus.Approved, ResetRequestStatus.Cancelled)]
    [InlineData(ResetRequestStatus.Rejected, ResetRequestStatus.Approved)]
    [InlineData(ResetRequestStatus.Completed, ResetRequestStatus.Resetting)]
    [InlineData(ResetRequestStatus.Expired, ResetRequestStatus.Approved)]
    public void Skipping_or_reopening_moves_are_rejected(ResetRequestStatus from, ResetRequestStatus to)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ResetRequestTransitions.EnsureAllowed(from, to));

        Assert.Contains(from.ToString(), exception.Message, StringComparison.Ordinal);
        Assert.Contains(to.ToString(), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Final_states_have_no_moves()
    {
        var final = Enum.GetValues<ResetRequestStatus>().Where(ResetRequestTransitions.IsFinal).Order().ToArray();

        Assert.Equal([ResetRequestStatus.Completed, ResetRequestStatus.Failed, ResetRequestStatus.Rejected, ResetRequestStatus.Expired, ResetRequestStatus.Cancelled], final);
    }

    [Fact]
    public void Every_open_state_can_end()
    {
        foreach (var status in Enum.GetValues<ResetRequestStatus>().Where(status => !ResetRequestTransitions.IsFinal(status)))
        {
            var reachesEnd = Enum.GetValues<ResetRequestStatus>().Any(target => ResetRequestTransitions.IsFinal(target) && ResetRequestTransitions.IsAllowed(status, target));

            Assert.True(reachesEnd, $"{status} has no direct move to a final state.");
        }
    }
}
