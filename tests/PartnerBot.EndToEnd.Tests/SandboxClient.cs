using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>A customer as the sandbox's Partner Center API returns it.</summary>
public sealed record SandboxCustomer(string Id, SandboxCompanyProfile CompanyProfile);

public sealed record SandboxCompanyProfile(string Domain, string CompanyName);

/// <summary>A customer's user as the sandbox's Partner Center API returns it.</summary>
public sealed record SandboxUser(string Id, string DisplayName, string UserPrincipalName, string State, DateTimeOffset? LastDirectorySyncTime);

/// <summary>The result of a sandbox password check: whether the password is the user's current one, and how many resets the sandbox applied.</summary>
public sealed record SandboxPasswordCheck(bool Matches, int ResetCount);

/// <summary>A Partner Center request that the sandbox received, without headers and body.</summary>
public sealed record SandboxRecordedRequest(long Sequence, string Method, string Path);

/// <summary>
/// Reads the Partner Center sandbox that the bot mounts in Development, over loopback HTTP: its Partner Center
/// API as the bot's client sees it, and its test endpoints under _sandbox. The sandbox is checked directly, so a
/// test does not take the bot's word for what happened.
/// </summary>
public sealed class SandboxClient(Uri sandboxUrl) : IDisposable
{
    /// <summary>The bearer token that the sandbox accepts by default (SandboxOptions.AccessToken).</summary>
    private const string AccessToken = "partnerbot-sandbox-token";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient httpClient = new() { BaseAddress = sandboxUrl, Timeout = TimeSpan.FromSeconds(30) };

    public Task<SandboxCustomer> GetCustomerAsync(string customerId) =>
        GetPartnerCenterAsync<SandboxCustomer>($"v1/customers/{Uri.EscapeDataString(customerId)}");

    /// <summary>Lists the first 500 users of the customer, the most the sandbox returns on one page.</summary>
    public async Task<IReadOnlyList<SandboxUser>> ListUsersAsync(string customerId)
    {
        var page = await GetPartnerCenterAsync<Collection<SandboxUser>>($"v1/customers/{Uri.EscapeDataString(customerId)}/users?size=500");
        return page.Items;
    }

    public async Task<int> CountDirectoryRolesAsync(string customerId, string userId)
    {
        var roles = await GetPartnerCenterAsync<Collection<JsonElement>>(
            $"v1/customers/{Uri.EscapeDataString(customerId)}/users/{Uri.EscapeDataString(userId)}/directoryroles");
        return roles.Items.Count;
    }

    /// <summary>Asks the sandbox whether the password is the user's current one. The password goes in the body, never the URL.</summary>
    public async Task<SandboxPasswordCheck> CheckPasswordAsync(string customerId, string userId, string password)
    {
        var path = $"_sandbox/users/{Uri.EscapeDataString(customerId)}/{Uri.EscapeDataString(userId)}/password-check";
        using var response = await httpClient.PostAsJsonAsync(path, new { password }, JsonOptions);
        return await ReadAsync<SandboxPasswordCheck>(response, $"POST {path}");
    }

    /// <summary>Lists the Partner Center requests that the sandbox received and still keeps, oldest first.</summary>
    public async Task<IReadOnlyList<SandboxRecordedRequest>> ListRecordedRequestsAsync()
    {
        using var response = await httpClient.GetAsync("_sandbox/requests");
        return await ReadAsync<List<SandboxRecordedRequest>>(response, "GET _sandbox/requests");
    }

    public void Dispose() => httpClient.Dispose();

    /// <summary>Sends a GET with the token and the MS-RequestId and MS-CorrelationId headers that the sandbox requires.</summary>
    private async Task<T> GetPartnerCenterAsync<T>(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());

        using var response = await httpClient.SendAsync(request);
        return await ReadAsync<T>(response, $"GET {path}");
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"The sandbox request {operation} at {httpClient.BaseAddress} failed with status {(int)response.StatusCode}: {body}");
        }

        return await response.Content.ReadFromJsonAsync<T>(JsonOptions)
            ?? throw new InvalidOperationException($"The sandbox request {operation} returned an empty body.");
    }

    private sealed record Collection<T>(IReadOnlyList<T> Items);
}
