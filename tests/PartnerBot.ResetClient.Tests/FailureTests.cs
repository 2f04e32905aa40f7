using System.Net;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.ResetClient.Tests;

[Collection(SandboxCollection.Name)]
public sealed class FailureTests(SandboxFixture fixture)
{
    public static TheoryData<string, DirectoryFailureKind, HttpStatusCode, string> DocumentedErrors => new()
    {
        { "error=800001", DirectoryFailureKind.AuthenticationFailed, HttpStatusCode.Unauthorized, "800001" },
        { "error=400", DirectoryFailureKind.AccessDenied, HttpStatusCode.Unauthorized, "400" },
        { "status=400;error=400", DirectoryFailureKind.AccessDenied, HttpStatusCode.BadRequest, "400" },
        { "error=20002", DirectoryFailureKind.NoRelationship, HttpStatusCode.Forbidden, "20002" },
        { "error=60002", DirectoryFailureKind.UserNotFound, HttpStatusCode.NotFound, "60002" },
        { "error=60003", DirectoryFailureKind.CustomerNotFound, HttpStatusCode.NotFound, "60003" },
        { "error=800002", DirectoryFailureKind.InvalidInput, HttpStatusCode.BadRequest, "800002" },
    };

    [Theory]
    [MemberData(nameof(DocumentedErrors))]
    public async Task Documented_error_becomes_typed_failure(
        string fault, DirectoryFailureKind kind, HttpStatusCode status, string code)
    {
        using var client = fixture.CreateClient();
        var user = fixture.Sandbox.Directory.GetUser(fixture.Muller, 4);
        var correlationId = Guid.NewGuid();
        QueueFault("GET", "/v1/customers/*/users/*", fault, correlationId);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetUserAsync(WellKnownCustomers.MullerLogistikId, user.Id.ToString(), correlationId, default));

        Assert.Equal(kind, exception.Failure.Kind);
        Assert.Equal(status, exception.Failure.StatusCode);
        Assert.Equal(code, exception.Failure.ErrorCode);
        Assert.Equal("GetUser", exception.Failure.Operation);
        Assert.Single(fixture.RequestsFor(correlationId));
    }

    [Fact]
    public async Task Failure_text_names_the_correlation_id()
    {
        using var client = fixture.CreateClient();
        var correlationId = Guid.NewGuid();

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(Guid.NewGuid().ToString(), correlationId, default));

        Assert.Contains(correlationId.ToString(), exception.Failure.ToAgentText());
        Assert.StartsWith("The customer was not found", exception.Failure.ToAgentText());
    }

    [Fact]
    public async Task Persistent_server_error_stops_after_retries()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["MaxRetryAttempts"] = "2" });
        var correlationId = Guid.NewGuid();
        QueueFault("GET", "/v1/customers/*", "503", correlationId, count: 10);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, correlationId, default));

        Assert.Equal(DirectoryFailureKind.ServiceUnavailable, exception.Failure.Kind);
        Assert.Equal(3, fixture.RequestsFor(correlationId).Count);
        Assert.Single(fixture.RequestsFor(correlationId).Select(request => request.RequestId).Distinct());
    }

    [Fact]
    public async Task Persistent_throttling_becomes_throttled_failure()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?>
        {
            ["MaxRetryAttempts"] = "1",
            ["MaxRetryAfter"] = "00:00:00.100",
        });
        var correlationId = Guid.NewGuid();
        QueueFault("GET", "/v1/customers/*", "429;retry-after=30", correlationId, count: 10);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, correlationId, default));

        Assert.Equal(DirectoryFailureKind.Throttled, exception.Failure.Kind);
        Assert.Equal(2, fixture.RequestsFor(correlationId).Count);
    }

    [Fact]
    public async Task Slow_responses_become_timed_out_failure()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?>
        {
            ["MaxRetryAttempts"] = "1",
            ["AttemptTimeout"] = "00:00:00.200",
        });
        var correlationId = Guid.NewGuid();
        QueueFault("GET", "/v1/customers/*", "delay=2000", correlationId, count: 10);

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, correlationId, default));

        Assert.Equal(DirectoryFailureKind.TimedOut, exception.Failure.Kind);
        Assert.Equal(2, fixture.RequestsFor(correlationId).Count);
    }

    [Fact]
    public async Task Wrong_token_is_access_denied()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?> { ["Authentication:SandboxAccessToken"] = "not-the-token" });

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.AccessDenied, exception.Failure.Kind);
    }

    [Fact]
    public async Task Unreachable_service_is_reported()
    {
        using var client = fixture.CreateClient(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "http://127.0.0.1:9/",
            ["MaxRetryAttempts"] = "0",
        });

        var exception = await Assert.ThrowsAsync<DirectoryRequestException>(() =>
            client.Directory.GetCustomerAsync(WellKnownCustomers.MullerLogistikId, Guid.NewGuid(), default));

        Assert.Equal(DirectoryFailureKind.ServiceUnreachable, exception.Failure.Kind);
    }

    private void QueueFault(string method, string path, string fault, Guid correlationId, int count = 1) =>
        fixture.Sandbox.Faults.Enqueue(new SandboxFaultRule(method, path, SandboxFault.Parse(fault), count) { CorrelationId = correlationId });
}
