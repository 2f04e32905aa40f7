using PartnerBot.Sandbox.Data;

namespace PartnerBot.ResetClient.Tests;

[Collection(SandboxCollection.Name)]
public sealed class UserTests(SandboxFixture fixture)
{
    private const int UsersPerPage = 500;

    [Fact]
    public async Task Search_pages_through_50000_users()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 49_990);
        var correlationId = Guid.NewGuid();

        var users = await client.Directory.FindUsersAsync(
            WellKnownCustomers.ContosoMegacorpId, target.UserPrincipalName, 10, correlationId, default);

        var user = Assert.Single(users);
        Assert.Equal(target.Id.ToString(), user.Id);
        Assert.Equal(WellKnownCustomers.ContosoMegacorpUserCount / UsersPerPage, fixture.RequestsFor(correlationId).Count);
        Assert.All(fixture.RequestsFor(correlationId), request => Assert.Contains($"size={UsersPerPage}", request.QueryString));
    }

    [Fact]
    public async Task Repeated_search_is_served_from_cache()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 31_337);
        await client.Directory.FindUsersAsync(WellKnownCustomers.ContosoMegacorpId, target.UserPrincipalName, 10, Guid.NewGuid(), default);
        var correlationId = Guid.NewGuid();

        var users = await client.Directory.FindUsersAsync(
            WellKnownCustomers.ContosoMegacorpId, target.UserPrincipalName.ToUpperInvariant(), 10, correlationId, default);

        Assert.Equal(target.Id.ToString(), Assert.Single(users).Id);
        Assert.Empty(fixture.RequestsFor(correlationId));
    }

    [Fact]
    public async Task Search_stops_when_results_are_full()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        var users = await client.Directory.FindUsersAsync(WellKnownCustomers.ContosoMegacorpId, "a", 5, correlationId, default);

        Assert.Equal(5, users.Count);
        Assert.Single(fixture.RequestsFor(correlationId));
    }

    [Fact]
    public async Task Search_matches_display_name_prefix()
    {
        using var client = fixture.CreateClient();
        var expected = fixture.Sandbox.Directory.GetUser(fixture.Muller, 3);
        var prefix = expected.DisplayName.ToLowerInvariant();

        var users = await client.Directory.FindUsersAsync(WellKnownCustomers.MullerLogistikId, prefix, 50, Guid.NewGuid(), default);

        Assert.Contains(users, user => user.Id == expected.Id.ToString());
        Assert.All(users, user => Assert.StartsWith(prefix, user.DisplayName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Expired_index_is_read_again()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        using var client = fixture.CreateClient(
            new Dictionary<string, string?> { ["UserIndexTimeToLive"] = "00:01:00" }, timeProvider: clock);
        await client.Directory.FindUsersAsync(WellKnownCustomers.MullerLogistikId, "a", 1, Guid.NewGuid(), default);
        clock.Advance(TimeSpan.FromMinutes(2));
        var correlationId = Guid.NewGuid();

        await client.Directory.FindUsersAsync(WellKnownCustomers.MullerLogistikId, "a", 1, correlationId, default);

        Assert.Single(fixture.RequestsFor(correlationId));
    }

    [Fact]
    public async Task Get_user_maps_all_fields()
    {
        using var client = fixture.CreateClient();
        var expected = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 1);

        var user = await client.Directory.GetUserAsync(WellKnownCustomers.ContosoMegacorpId, expected.Id.ToString(), Guid.NewGuid(), default);

        Assert.Equal(expected.UserPrincipalName, user.UserPrincipalName);
        Assert.Equal(expected.DisplayName, user.DisplayName);
        Assert.Equal(expected.FirstName, user.FirstName);
        Assert.Equal(expected.LastName, user.LastName);
        Assert.Equal(expected.LastDirectorySyncTime, user.LastDirectorySyncTime);
    }

    [Fact]
    public async Task Company_administrator_is_privileged()
    {
        using var client = fixture.CreateClient();
        var admin = fixture.Sandbox.Directory.GetUser(fixture.Muller, 0);

        var check = await client.Directory.CheckResetTargetAsync(WellKnownCustomers.MullerLogistikId, admin.Id.ToString(), Guid.NewGuid(), default);

        Assert.True(check.IsPrivileged);
        Assert.Equal("Company Administrator", Assert.Single(check.Roles).Name);
    }

    [Fact]
    public async Task Plain_user_has_no_roles()
    {
        using var client = fixture.CreateClient();
        var user = fixture.Sandbox.Directory.GetUser(fixture.Muller, 2);

        var roles = await client.Directory.GetUserRolesAsync(WellKnownCustomers.MullerLogistikId, user.Id.ToString(), Guid.NewGuid(), default);

        Assert.Empty(roles);
    }

    [Fact]
    public async Task Inactive_and_synced_users_are_flagged()
    {
        using var client = fixture.CreateClient();
        var inactive = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 13);
        var synced = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 1);

        var inactiveCheck = await client.Directory.CheckResetTargetAsync(WellKnownCustomers.ContosoMegacorpId, inactive.Id.ToString(), Guid.NewGuid(), default);
        var syncedCheck = await client.Directory.CheckResetTargetAsync(WellKnownCustomers.ContosoMegacorpId, synced.Id.ToString(), Guid.NewGuid(), default);

        Assert.True(inactiveCheck.IsInactive);
        Assert.True(syncedCheck.IsSyncedFromOnPremises);
        Assert.False(syncedCheck.IsInactive);
    }

    [Fact]
    public async Task Unknown_user_is_reported_not_found()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetUserAsync(WellKnownCustomers.MullerLogistikId, Guid.NewGuid().ToString(), Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.UserNotFound, exception.Failure.Kind);
        Assert.Equal("60002", exception.Failure.ErrorCode);
    }

    [Fact]
    public async Task Former_customer_reports_no_relationship()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.FindUsersAsync(WellKnownCustomers.FormerCustomerId, "a", 5, Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.NoRelationship, exception.Failure.Kind);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, exception.Failure.StatusCode);
    }
}
