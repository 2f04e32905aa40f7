namespace PartnerBot.ResetClient.Tests.Graph;

[Collection(GraphSandboxCollection.Name)]
public sealed class GraphStaffGroupTests(GraphSandboxFixture fixture)
{
    [Fact]
    public async Task Member_seeded_from_configuration_is_member()
    {
        using var client = fixture.CreateClient();

        var isMember = await client.Staff.IsMemberAsync(GraphSandboxFixture.SeededApprover, GraphSandboxFixture.ApproversGroup, default);

        Assert.True(isMember);
    }

    [Fact]
    public async Task Non_member_is_not_member()
    {
        using var client = fixture.CreateClient();

        var isMember = await client.Staff.IsMemberAsync(Guid.NewGuid(), GraphSandboxFixture.ApproversGroup, default);

        Assert.False(isMember);
    }

    [Fact]
    public async Task One_request_answers_every_configured_group()
    {
        using var client = fixture.CreateClient();
        var staff = Guid.NewGuid();
        fixture.Sandbox.AddMember(GraphSandboxFixture.RequestersGroup, staff);
        var before = CheckRequests(staff);

        var requester = await client.Staff.IsMemberAsync(staff, GraphSandboxFixture.RequestersGroup, default);
        var approver = await client.Staff.IsMemberAsync(staff, GraphSandboxFixture.ApproversGroup, default);
        var privileged = await client.Staff.IsMemberAsync(staff, GraphSandboxFixture.PrivilegedApproversGroup, default);

        Assert.True(requester);
        Assert.False(approver);
        Assert.False(privileged);
        Assert.Equal(before + 1, CheckRequests(staff));
    }

    [Fact]
    public async Task Removed_approver_loses_the_right_after_cache_time()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
        using var client = fixture.CreateClient(
            new Dictionary<string, string?> { ["StaffGroups:MembershipCacheTimeToLive"] = "00:05:00" }, timeProvider: clock);
        var approver = Guid.NewGuid();
        fixture.Sandbox.AddMember(GraphSandboxFixture.ApproversGroup, approver);
        var before = await client.Staff.IsMemberAsync(approver, GraphSandboxFixture.ApproversGroup, default);
        fixture.Sandbox.RemoveMember(GraphSandboxFixture.ApproversGroup, approver);

        clock.Advance(TimeSpan.FromMinutes(4));
        var withinCacheTime = await client.Staff.IsMemberAsync(approver, GraphSandboxFixture.ApproversGroup, default);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var afterCacheTime = await client.Staff.IsMemberAsync(approver, GraphSandboxFixture.ApproversGroup, default);

        Assert.True(before);
        Assert.True(withinCacheTime);
        Assert.False(afterCacheTime);
    }

    [Fact]
    public async Task Membership_check_uses_the_partner_tenant()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?>
        {
            ["Authentication:TenantId"] = PartnerBot.Sandbox.Data.WellKnownCustomers.MullerLogistikId,
        });

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Staff.IsMemberAsync(GraphSandboxFixture.SeededApprover, GraphSandboxFixture.ApproversGroup, default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
        Assert.Contains("GroupMember.Read.All", exception.Failure.NextStep);
    }

    private int CheckRequests(Guid staff) =>
        fixture.Sandbox.PartnerCenter.Recorder.Snapshot().Count(request => request.Path == $"/v1.0/users/{staff}/checkMemberGroups");
}
