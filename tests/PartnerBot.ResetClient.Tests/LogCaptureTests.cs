using PartnerBot.ResetClient.PartnerCenter;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests;

[Collection(SandboxCollection.Name)]
public sealed class LogCaptureTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Logs_never_contain_password_or_token()
    {
        var logs = new CapturingLoggerProvider();
        using var client = fixture.CreateClient(logs: logs);
        var customerId = WellKnownCustomers.ContosoMegacorpId;
        var retriedUser = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 40_001).Id.ToString();
        var plainUser = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 40_002).Id.ToString();
        var rejectedUser = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, 40_003).Id.ToString();
        const string retriedPassword = "Logged-Never-Retry-7";
        const string plainPassword = "Logged-Never-Plain-8";
        const string rejectedPassword = "loggedneverrejected";
        var retriedCorrelation = Guid.NewGuid();
        fixture.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", "/v1/customers/*/users/*", SandboxFault.Parse("500"))
        {
            CorrelationId = retriedCorrelation,
        });

        await client.Directory.ResetPasswordAsync(new PasswordResetRequest(customerId, retriedUser, retriedPassword, Guid.NewGuid()), retriedCorrelation, default);
        await client.Directory.ResetPasswordAsync(new PasswordResetRequest(customerId, plainUser, plainPassword, Guid.NewGuid()), Guid.NewGuid(), default);
        await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId, rejectedUser, rejectedPassword, Guid.NewGuid()), Guid.NewGuid(), default));

        var text = logs.AllText;
        Assert.Contains("Retrying Partner Center ResetPassword", text);
        Assert.Contains("/v1/customers/{customerId}/users/{userId}", text);
        Assert.Contains(retriedCorrelation.ToString(), text);
        Assert.DoesNotContain(retriedPassword, text);
        Assert.DoesNotContain(plainPassword, text);
        Assert.DoesNotContain(rejectedPassword, text);
        Assert.DoesNotContain(PartnerCenterAuthenticationOptions.SandboxToken, text);
        Assert.DoesNotContain("passwordProfile", text);
    }
}
