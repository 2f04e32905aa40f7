using System.Net;
using System.Net.Http.Json;
using System.Text;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.ResetClient.Tests;

/// <summary>The sandbox's own HTTP surface, called without the reset client.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxEndpointTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Missing_token_gets_800001()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };

        using var response = await http.GetAsync("/v1/customers?size=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("800001", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_request_id_is_rejected()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/customers?size=1");
        request.Headers.Authorization = new("Bearer", PartnerCenter.PartnerCenterAuthenticationOptions.SandboxToken);
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MS-RequestId", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fault_header_returns_429_with_Retry_After()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        using var request = ApiRequest(HttpMethod.Get, "/v1/customers?size=1");
        request.Headers.Add("X-Sandbox-Fault", "429;retry-after=3");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Repeated_request_id_replays_first_response()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var user = fixture.Sandbox.Directory.GetUser(fixture.Muller, 5);
        var path = $"/v1/customers/{WellKnownCustomers.MullerLogistikId}/users/{user.Id}";
        var requestId = Guid.NewGuid();
        using var first = await http.SendAsync(ResetRequest(path, requestId, "Replay-First-1"));

        using var second = await http.SendAsync(ResetRequest(path, requestId, "Replay-Second-2"));

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(fixture.Sandbox.PasswordMatches(Guid.Parse(WellKnownCustomers.MullerLogistikId), user.Id, "Replay-First-1"));
    }

    [Fact]
    public async Task Extra_user_member_is_rejected()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var user = fixture.Sandbox.Directory.GetUser(fixture.Muller, 6);
        using var request = ApiRequest(HttpMethod.Patch, $"/v1/customers/{WellKnownCustomers.MullerLogistikId}/users/{user.Id}");
        request.Content = new StringContent(
            """{"passwordProfile":{"password":"Valid-Pass-1","forceChangePassword":true},"displayName":"x","attributes":{"objectType":"CustomerUser"}}""",
            Encoding.UTF8, "application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("800002", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Password_check_endpoint_compares_passwords()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var user = fixture.Sandbox.Directory.GetUser(fixture.Muller, 7);
        using var reset = await http.SendAsync(ResetRequest(
            $"/v1/customers/{WellKnownCustomers.MullerLogistikId}/users/{user.Id}", Guid.NewGuid(), "Checked-Pass-7"));
        var checkPath = $"/_sandbox/users/{WellKnownCustomers.MullerLogistikId}/{user.Id}/password-check";

        var match = await (await http.PostAsJsonAsync(checkPath, new { password = "Checked-Pass-7" })).Content.ReadAsStringAsync();
        var mismatch = await (await http.PostAsJsonAsync(checkPath, new { password = "Other-Pass-7" })).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("\"matches\":true", match);
        Assert.Contains("\"matches\":false", mismatch);
    }

    [Fact]
    public async Task Fault_endpoint_queues_a_fault()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var correlationId = Guid.NewGuid();
        using var queued = await http.PostAsJsonAsync("/_sandbox/faults", new
        {
            method = "GET",
            path = "/v1/customers/*",
            fault = "error=60003",
            correlationId,
        });
        using var request = ApiRequest(HttpMethod.Get, $"/v1/customers/{WellKnownCustomers.MullerLogistikId}", correlationId);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, queued.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("60003", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Requests_endpoint_lists_recorded_requests()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        var correlationId = Guid.NewGuid();
        using var call = await http.SendAsync(ApiRequest(HttpMethod.Get, "/v1/customers?size=2", correlationId));

        var recorded = await http.GetStringAsync($"/_sandbox/requests?correlationId={correlationId}");

        Assert.Contains("\"path\":\"/v1/customers\"", recorded);
        Assert.DoesNotContain(PartnerCenter.PartnerCenterAuthenticationOptions.SandboxToken, recorded);
    }

    private static HttpRequestMessage ApiRequest(HttpMethod method, string path, Guid? correlationId = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", PartnerCenter.PartnerCenterAuthenticationOptions.SandboxToken);
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-CorrelationId", (correlationId ?? Guid.NewGuid()).ToString());
        return request;
    }

    private static HttpRequestMessage ResetRequest(string path, Guid requestId, string password)
    {
        var request = ApiRequest(HttpMethod.Patch, path);
        request.Headers.Remove("MS-RequestId");
        request.Headers.Add("MS-RequestId", requestId.ToString());
        request.Content = JsonContent.Create(new
        {
            passwordProfile = new { password, forceChangePassword = true },
            attributes = new { objectType = "CustomerUser" },
        });
        return request;
    }
}
