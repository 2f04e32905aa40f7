using PartnerBot.ResetClient.Graph;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests.Graph;

[Collection(GraphSandboxCollection.Name)]
public sealed class GraphUserTests(GraphSandboxFixture fixture)
{
    [Fact]
    public async Task Find_users_matches_display_name_prefix()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Muller, 3);

        var users = await client.Directory.FindUsersAsync(
            WellKnownCustomers.MullerLogistikId, target.DisplayName, 10, Guid.NewGuid(), default);

        Assert.Contains(users, user => user.Id == target.Id.ToString());
    }

    [Fact]
    public async Task Find_users_matches_user_principal_name_prefix()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Muller, 5);

        var users = await client.Directory.FindUsersAsync(
            WellKnownCustomers.MullerLogistikId, target.UserPrincipalName, 10, Guid.NewGuid(), default);

        var user = Assert.Single(users);
        Assert.Equal(target.Id.ToString(), user.Id);
    }

    [Fact]
    public async Task User_search_runs_server_side()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        await client.Directory.FindUsersAsync(WellKnownCustomers.ContosoMegacorpId, "Ann", 15, correlationId, default);

        var request = Assert.Single(fixture.RequestsFor(correlationId));
        var query = Uri.UnescapeDataString(request.QueryString);
        Assert.Equal("/v1.0/users", request.Path);
        Assert.Contains("$filter=startswith(displayName,'Ann') or startswith(userPrincipalName,'Ann')", query);
        Assert.Contains("$top=15", query);
    }

    [Fact]
    public async Task Find_users_stops_at_max_results()
    {
        using var client = fixture.CreateClient();

        var users = await client.Directory.FindUsersAsync(WellKnownCustomers.ContosoMegacorpId, "a", 4, Guid.NewGuid(), default);

        Assert.Equal(4, users.Count);
    }

    [Theory]
    [InlineData("O'Brien", "'O''Brien'")]
    [InlineData("'", "''''")]
    [InlineData("a''b", "'a''''b'")]
    public async Task Single_quotes_in_prefix_are_doubled(string prefix, string literal)
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        var users = await client.Directory.FindUsersAsync(WellKnownCustomers.MullerLogistikId, prefix, 10, correlationId, default);

        var query = Uri.UnescapeDataString(Assert.Single(fixture.RequestsFor(correlationId)).QueryString);
        Assert.Contains($"startswith(displayName,{literal}) or startswith(userPrincipalName,{literal})", query);
        Assert.Empty(users);
    }

    [Fact]
    public void OData_literal_doubles_quotes()
    {
        var literal = GraphCustomerDirectory.ODataString("d'Artagnan's");

        Assert.Equal("'d''Artagnan''s'", literal);
    }

    [Fact]
    public async Task Get_user_maps_Graph_fields()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Muller, 2);

        var user = await client.Directory.GetUserAsync(WellKnownCustomers.MullerLogistikId, target.Id.ToString(), Guid.NewGuid(), default);

        Assert.Equal(target.UserPrincipalName, user.UserPrincipalName);
        Assert.Equal(target.DisplayName, user.DisplayName);
        Assert.Equal(target.FirstName, user.FirstName);
        Assert.Equal(target.LastName, user.LastName);
        Assert.Equal("DE", user.UsageLocation);
        Assert.Equal(DirectoryUserState.Active, user.State);
        Assert.False(user.IsSyncedFromOnPremises);
    }

    [Fact]
    public async Task Unknown_user_fails_as_not_found()
    {
        using var client = fixture.CreateClient();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.GetUserAsync(
            WellKnownCustomers.MullerLogistikId, Guid.NewGuid().ToString(), Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.UserNotFound, exception.Failure.Kind);
        Assert.Equal("Request_ResourceNotFound", exception.Failure.ErrorCode);
    }

    [Fact]
    public async Task Roles_come_from_member_of_directory_roles()
    {
        using var client = fixture.CreateClient();
        var admin = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 0);
        var correlationId = Guid.NewGuid();

        var roles = await client.Directory.GetUserRolesAsync(
            WellKnownCustomers.ContosoMegacorpId, admin.Id.ToString(), correlationId, default);

        Assert.Equal(["Global Administrator"], roles.Select(role => role.Name));
        Assert.Equal($"/v1.0/users/{admin.Id}/memberOf/graph.directoryRole", Assert.Single(fixture.RequestsFor(correlationId)).Path);
    }

    [Fact]
    public async Task Administrator_target_is_privileged()
    {
        using var client = fixture.CreateClient();
        var admin = fixture.FirstUser(fixture.Megacorp, user => user.Roles.Count > 0 && user.LastDirectorySyncTime is null && !user.IsInactive);

        var check = await client.Directory.CheckResetTargetAsync(
            WellKnownCustomers.ContosoMegacorpId, admin.Id.ToString(), Guid.NewGuid(), default);

        Assert.True(check.IsPrivileged);
        Assert.Null(check.RefusalReason);
    }

    [Fact]
    public async Task Synced_target_is_refused_with_on_premises_advice()
    {
        using var client = fixture.CreateClient();
        var synced = fixture.FirstUser(fixture.Megacorp, user => user.LastDirectorySyncTime is not null && user.Roles.Count == 0);

        var check = await client.Directory.CheckResetTargetAsync(
            WellKnownCustomers.ContosoMegacorpId, synced.Id.ToString(), Guid.NewGuid(), default);

        Assert.True(check.IsSyncedFromOnPremises);
        Assert.Contains("reset it in the on-premises directory", check.RefusalReason);
    }

    [Fact]
    public async Task Disabled_target_is_inactive_and_refused()
    {
        using var client = fixture.CreateClient();
        var disabled = fixture.FirstUser(fixture.Megacorp, user => user.IsInactive && user.LastDirectorySyncTime is null);

        var check = await client.Directory.CheckResetTargetAsync(
            WellKnownCustomers.ContosoMegacorpId, disabled.Id.ToString(), Guid.NewGuid(), default);

        Assert.True(check.IsInactive);
        Assert.Contains("disabled", check.RefusalReason);
    }

    [Fact]
    public async Task Plain_target_passes_every_check()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();

        var check = await client.Directory.CheckResetTargetAsync(customerId.ToString(), userId.ToString(), Guid.NewGuid(), default);

        Assert.False(check.IsPrivileged);
        Assert.False(check.IsInactive);
        Assert.False(check.IsSyncedFromOnPremises);
        Assert.Null(check.RefusalReason);
    }

    [Fact]
    public async Task Throttled_read_is_retried()
    {
        using var client = fixture.CreateClient();
        var target = fixture.Sandbox.Directory.GetUser(fixture.Muller, 4);
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("GET", "/v1.0/users/*", SandboxFault.Parse("429;retry-after=0")) { CorrelationId = correlationId });

        var user = await client.Directory.GetUserAsync(WellKnownCustomers.MullerLogistikId, target.Id.ToString(), correlationId, default);

        Assert.Equal(target.Id.ToString(), user.Id);
        Assert.Equal(2, fixture.RequestsFor(correlationId).Count);
    }

    [Fact]
    public async Task Denied_read_names_the_missing_role()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("GET", "/v1.0/users", SandboxFault.Parse("403")) { CorrelationId = correlationId });

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.FindUsersAsync(WellKnownCustomers.MullerLogistikId, "a", 5, correlationId, default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
        Assert.Equal("Authorization_RequestDenied", exception.Failure.ErrorCode);
        Assert.Contains("Directory Readers", exception.Failure.Sentence);
    }
}
