using System.Text.Json;
using PartnerBot.ResetClient.Graph;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests.Graph;

[Collection(GraphSandboxCollection.Name)]
public sealed class GraphResetTests(GraphSandboxFixture fixture)
{
    private const string UserPath = "/v1.0/users/*";

    [Fact]
    public async Task Reset_patches_only_the_password_profile()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Tr0ub4dor&3x", Guid.NewGuid()), correlationId, default);

        var patch = Assert.Single(fixture.RequestsFor(correlationId), request => request.Method == "PATCH");
        using var body = JsonDocument.Parse(patch.Body!);
        Assert.Equal($"/v1.0/users/{userId}", patch.Path);
        Assert.Equal(["passwordProfile"], body.RootElement.EnumerateObject().Select(member => member.Name));
        Assert.Equal(
            ["password", "forceChangePasswordNextSignIn"],
            body.RootElement.GetProperty("passwordProfile").EnumerateObject().Select(member => member.Name));
        Assert.True(body.RootElement.GetProperty("passwordProfile").GetProperty("forceChangePasswordNextSignIn").GetBoolean());
        Assert.True(fixture.Sandbox.PartnerCenter.PasswordMatches(customerId, userId, "Tr0ub4dor&3x"));
        Assert.Equal(1, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Theory]
    [InlineData("Quote\"Back\\slash'Amp&Pct%Hash#9")]
    [InlineData("Spaces in the middle 42 X")]
    [InlineData("Grüße-Ørsted-日本語-Пароль7")]
    [InlineData("<script>+plus=eq?q/slash{}7Aa")]
    public async Task Password_characters_arrive_intact(string password)
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), password, Guid.NewGuid()), correlationId, default);

        var patch = Assert.Single(fixture.RequestsFor(correlationId), request => request.Method == "PATCH");
        using var body = JsonDocument.Parse(patch.Body!);
        Assert.Equal(password, body.RootElement.GetProperty("passwordProfile").GetProperty("password").GetString());
        Assert.True(fixture.Sandbox.PartnerCenter.PasswordMatches(customerId, userId, password));
    }

    [Fact]
    public async Task Server_error_is_checked_then_resent_once()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("500")) { CorrelationId = correlationId });

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Retry-Me-500", Guid.NewGuid()), correlationId, default);

        var methods = fixture.RequestsFor(correlationId).Select(request => request.Method).ToList();
        Assert.Equal(["GET", "PATCH", "GET", "PATCH"], methods);
        Assert.Equal(1, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
        Assert.True(fixture.Sandbox.PartnerCenter.PasswordMatches(customerId, userId, "Retry-Me-500"));
    }

    [Fact]
    public async Task Applied_timed_out_reset_is_not_resent()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:00.500" });
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("delay-after=3000")) { CorrelationId = correlationId });

        var receipt = await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Slow-Answer-1", Guid.NewGuid()), correlationId, default);

        var patches = fixture.RequestsFor(correlationId).Count(request => request.Method == "PATCH");
        Assert.Equal(userId.ToString(), receipt.UserId);
        Assert.Equal(1, patches);
        Assert.Equal(1, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Resending_a_request_id_applies_nothing()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var requestId = Guid.NewGuid();
        var request = new PasswordResetRequest(customerId.ToString(), userId.ToString(), "First-Pass-1", requestId);
        await client.Directory.ResetPasswordAsync(request, Guid.NewGuid(), default);
        var secondCorrelation = Guid.NewGuid();

        var receipt = await client.Directory.ResetPasswordAsync(request, secondCorrelation, default);

        Assert.Equal(requestId, receipt.RequestId);
        Assert.Empty(fixture.RequestsFor(secondCorrelation));
        Assert.Equal(1, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Resend_after_unknown_outcome_checks_before_patching()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?>
        {
            ["AttemptTimeout"] = "00:00:00.300",
            ["MaxResetResends"] = "0",
        });
        var (customerId, userId) = fixture.NextPlainUser();
        var request = new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Unknown-Outcome-2", Guid.NewGuid());
        var firstCorrelation = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("delay=2000")) { CorrelationId = firstCorrelation });
        var firstFailure = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.ResetPasswordAsync(request, firstCorrelation, default));
        var secondCorrelation = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(request, secondCorrelation, default);

        Assert.Equal(DirectoryFailureKind.TimedOut, firstFailure.Failure.Kind);
        Assert.Equal(["GET", "PATCH"], fixture.RequestsFor(secondCorrelation).Select(recorded => recorded.Method));
        Assert.Equal(1, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Rejected_password_is_not_retried()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "alllowercase", Guid.NewGuid()), correlationId, default));

        Assert.Equal(DirectoryFailureKind.PasswordRejected, exception.Failure.Kind);
        Assert.Contains("complexity", exception.Failure.Sentence);
        Assert.Single(fixture.RequestsFor(correlationId), request => request.Method == "PATCH");
        Assert.Equal(0, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Denied_reset_of_administrator_names_privileged_role()
    {
        using var client = fixture.CreateClient();
        var admin = fixture.FirstUser(fixture.Megacorp, user => user.Roles.Count > 0 && user.LastDirectorySyncTime is null);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(WellKnownCustomers.ContosoMegacorpId, admin.Id.ToString(), "Admin-Reset-9", Guid.NewGuid()),
            Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
        Assert.Equal(GraphFailures.AccessDeniedCode, exception.Failure.ErrorCode);
        Assert.Contains("Privileged Authentication Administrator", exception.Failure.Sentence);
        Assert.Contains("Privileged Authentication Administrator", exception.Failure.NextStep);
    }

    [Fact]
    public async Task Denied_reset_of_user_names_helpdesk_roles()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = fixture.NextPlainUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("403")) { CorrelationId = correlationId });

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "User-Reset-9x", Guid.NewGuid()), correlationId, default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
        Assert.Contains("User Administrator, Password Administrator or Helpdesk Administrator", exception.Failure.Sentence);
        Assert.DoesNotContain("Privileged", exception.Failure.Sentence);
        Assert.Equal(0, fixture.Sandbox.PartnerCenter.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Synced_user_reset_advises_on_premises_reset()
    {
        using var client = fixture.CreateClient();
        var synced = fixture.FirstUser(fixture.Megacorp, user => user.LastDirectorySyncTime is not null && user.Roles.Count == 0);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(WellKnownCustomers.ContosoMegacorpId, synced.Id.ToString(), "Synced-Reset-9", Guid.NewGuid()),
            Guid.NewGuid(), default));

        Assert.Contains("Reset it in the on-premises directory", exception.Failure.NextStep);
    }

    [Fact]
    public async Task Customer_without_relationship_is_denied()
    {
        using var client = fixture.CreateClient();
        var former = fixture.Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.FormerCustomerId))!;
        var user = fixture.Sandbox.Directory.GetUser(former, 1);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.GetUserAsync(
            WellKnownCustomers.FormerCustomerId, user.Id.ToString(), Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
    }
}
