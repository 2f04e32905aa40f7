using System.Diagnostics;
using System.Text.Json;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests;

[Collection(SandboxCollection.Name)]
public sealed class ResetTests(SandboxFixture fixture)
{
    private const string UserPath = "/v1/customers/*/users/*";

    [Fact]
    public async Task Reset_sends_only_password_profile_and_attributes()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Tr0ub4dor&3x", Guid.NewGuid()), correlationId, default);

        using var body = JsonDocument.Parse(fixture.RequestsFor(correlationId).Single().Body!);
        var members = body.RootElement.EnumerateObject().Select(member => member.Name).ToList();
        Assert.Equal(["passwordProfile", "attributes"], members);
        Assert.Equal(["password", "forceChangePassword"], body.RootElement.GetProperty("passwordProfile").EnumerateObject().Select(m => m.Name));
        Assert.True(body.RootElement.GetProperty("passwordProfile").GetProperty("forceChangePassword").GetBoolean());
        Assert.Equal("CustomerUser", body.RootElement.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task Reset_sends_Partner_Center_headers()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();
        var requestId = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Tr0ub4dor&3x", requestId), correlationId, default);

        var request = fixture.RequestsFor(correlationId).Single();
        Assert.Equal("PATCH", request.Method);
        Assert.Equal(requestId, request.RequestId);
        Assert.Equal(correlationId, request.CorrelationId);
        Assert.Equal("v1", request.Header("MS-Contract-Version"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Null(request.Header("Authorization"));
    }

    [Theory]
    [InlineData("Quote\"Back\\slash'Amp&Pct%Hash#9")]
    [InlineData("Spaces in the middle 42 X")]
    [InlineData("Grüße-Ørsted-日本語-Пароль7")]
    public async Task Password_characters_arrive_intact(string password)
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), password, Guid.NewGuid()), correlationId, default);

        using var body = JsonDocument.Parse(fixture.RequestsFor(correlationId).Single().Body!);
        Assert.Equal(password, body.RootElement.GetProperty("passwordProfile").GetProperty("password").GetString());
        Assert.True(fixture.Sandbox.PasswordMatches(customerId, userId, password));
    }

    [Fact]
    public async Task Server_error_is_retried_and_applied_once()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.Faults.Enqueue(new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("500")) { CorrelationId = correlationId });

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Retry-Me-500", Guid.NewGuid()), correlationId, default);

        var attempts = fixture.RequestsFor(correlationId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].RequestId, attempts[1].RequestId);
        Assert.Equal(1, fixture.Sandbox.ResetCount(customerId, userId));
        Assert.True(fixture.Sandbox.PasswordMatches(customerId, userId, "Retry-Me-500"));
    }

    [Fact]
    public async Task Timed_out_reset_is_applied_once()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:00.500" });
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("delay-after=3000")) { CorrelationId = correlationId });

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Slow-Answer-1", Guid.NewGuid()), correlationId, default);

        var attempts = fixture.RequestsFor(correlationId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].RequestId, attempts[1].RequestId);
        Assert.Equal(1, fixture.Sandbox.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Throttled_reset_waits_for_Retry_After()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("429;retry-after=1")) { CorrelationId = correlationId });
        var stopwatch = Stopwatch.StartNew();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Throttled-1x", Guid.NewGuid()), correlationId, default);

        var attempts = fixture.RequestsFor(correlationId);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {stopwatch.Elapsed}");
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].RequestId, attempts[1].RequestId);
    }

    [Fact]
    public async Task Long_Retry_After_is_capped()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["MaxRetryAfter"] = "00:00:00.300" });
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();
        fixture.Sandbox.Faults.Enqueue(
            new SandboxFaultRule("PATCH", UserPath, SandboxFault.Parse("429;retry-after=57")) { CorrelationId = correlationId });
        var stopwatch = Stopwatch.StartNew();

        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "Throttled-57s", Guid.NewGuid()), correlationId, default);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"waited {stopwatch.Elapsed}");
        Assert.Equal(1, fixture.Sandbox.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Rejected_password_is_not_retried()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var correlationId = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() => client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "alllowercase", Guid.NewGuid()), correlationId, default));

        Assert.Equal(DirectoryFailureKind.PasswordRejected, exception.Failure.Kind);
        Assert.Contains("at least three of", exception.Failure.Sentence);
        Assert.Single(fixture.RequestsFor(correlationId));
        Assert.Equal(0, fixture.Sandbox.ResetCount(customerId, userId));
    }

    [Fact]
    public async Task Resending_a_request_id_applies_nothing()
    {
        using var client = fixture.CreateClient();
        var (customerId, userId) = NextUser();
        var requestId = Guid.NewGuid();
        await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "First-Pass-1", requestId), Guid.NewGuid(), default);

        var receipt = await client.Directory.ResetPasswordAsync(
            new PasswordResetRequest(customerId.ToString(), userId.ToString(), "First-Pass-1", requestId), Guid.NewGuid(), default);

        Assert.Equal(requestId, receipt.RequestId);
        Assert.Equal(1, fixture.Sandbox.ResetCount(customerId, userId));
    }

    [Fact]
    public void Request_text_hides_the_password()
    {
        var request = new PasswordResetRequest("customer", "user", "Secret-Value-9", Guid.NewGuid());

        var text = request.ToString();

        Assert.DoesNotContain("Secret-Value-9", text);
        Assert.Contains("Password = ***", text);
    }

    private static int s_nextUser = 100;

    // Each test resets its own Megacorp user, so reset counts never mix between tests.
    private (Guid CustomerId, Guid UserId) NextUser()
    {
        var user = fixture.Sandbox.Directory.GetUser(fixture.Megacorp, Interlocked.Increment(ref s_nextUser) * 7);
        return (Guid.Parse(WellKnownCustomers.ContosoMegacorpId), user.Id);
    }
}
