using PartnerBot.ResetClient.Graph;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests.Graph;

[Collection(GraphSandboxCollection.Name)]
public sealed class GraphLogTests(GraphSandboxFixture fixture)
{
    [Fact]
    public async Task Logs_never_contain_password_or_token()
    {
        var logs = new CapturingLoggerProvider();
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:00.500" }, logs);
        var (customerId, retriedUser) = fixture.NextPlainUser();
        var (_, slowUser) = fixture.NextPlainUser();
        var (_, rejectedUser) = fixture.NextPlainUser();
        var admin = fixture.FirstUser(fixture.Megacorp, user => user.Roles.Count > 0 && user.LastDirectorySyncTime is null);
        const string retriedPassword = "Logged-Never-Retry-7";
        const string slowPassword = "Logged-Never-Slow-8";
        const string rejectedPassword = "loggedneverrejected";
        const string adminPassword = "Logged-Never-Admin-9";
        var retriedCorrelation = Guid.NewGuid();
        var slowCorrelation = Guid.NewGuid();
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", "/v1.0/users/*", SandboxFault.Parse("500")) { CorrelationId = retriedCorrelation });
        fixture.Sandbox.PartnerCenter.Faults.Enqueue(
            new SandboxFaultRule("PATCH", "/v1.0/users/*", SandboxFault.Parse("delay-after=2000")) { CorrelationId = slowCorrelation });

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), retriedUser.ToString(), retriedPassword, Guid.NewGuid()), retriedCorrelation, default);
        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), slowUser.ToString(), slowPassword, Guid.NewGuid()), slowCorrelation, default);
        await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), rejectedUser.ToString(), rejectedPassword, Guid.NewGuid()), Guid.NewGuid(), default));
        await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(WellKnownCustomers.ContosoMegacorpId, admin.Id.ToString(), adminPassword, Guid.NewGuid()), Guid.NewGuid(), default));

        var text = logs.AllText;
        Assert.Contains("Resending password reset", text);
        Assert.Contains("last password change shows it was applied", text);
        Assert.Contains("/v1.0/users/{userId}", text);
        Assert.Contains(retriedCorrelation.ToString(), text);
        Assert.DoesNotContain(retriedPassword, text);
        Assert.DoesNotContain(slowPassword, text);
        Assert.DoesNotContain(rejectedPassword, text);
        Assert.DoesNotContain(adminPassword, text);
        Assert.DoesNotContain(GraphAuthenticationOptions.SandboxToken, text);
        Assert.DoesNotContain("Bearer", text);
        Assert.DoesNotContain("passwordProfile", text);
    }
}
