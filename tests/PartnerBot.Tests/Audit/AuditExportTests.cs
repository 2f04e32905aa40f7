using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Audit;

/// <summary>
/// The audit export behind Microsoft Entra ID bearer tokens. Tokens are signed by a key made in the test,
/// and the host is configured to trust that key instead of downloading Microsoft's signing keys.
/// </summary>
public sealed class AuditExportTests : IAsyncLifetime
{
    private const string ClientId = "b7e1c4a9-2d35-4f68-9a0b-1c2d3e4f5a6b";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{PartnerBotFactory.PartnerTenantId}/v2.0";

    private readonly RsaSecurityKey signingKey = new(RSA.Create(2048)) { KeyId = "partnerbot-test-key" };
    private PartnerBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
            ["AzureAd:TenantId"] = PartnerBotFactory.PartnerTenantId,
            ["AzureAd:ClientId"] = ClientId,
        };
        factory = new PartnerBotFactory(settings, services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, TrustTestKey));
        client = factory.CreateClient();

        var trail = factory.Services.GetRequiredService<AuditTrail>();
        await trail.AppendAsync(
            new AuditEvent
            {
                OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                RequestId = Guid.NewGuid(),
                CorrelationId = Guid.NewGuid(),
                Action = "approved",
                ActorObjectId = Guid.NewGuid(),
                CustomerId = "3f0b8d2c-1a47-4c9e-8b53-7d6e2f1a0c94",
                UserId = "9b8c7d6e-5f4a-3b2c-1d0e-fa9b8c7d6e5f",
                Details = "=HYPERLINK(\"https://example.com\")",
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Missing_token_gets_401()
    {
        var response = await client.GetAsync("/api/audit/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_with_other_role_gets_403()
    {
        var response = await GetAsync("/api/audit/export", CreateToken(["PartnerBot.Reader"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_without_roles_gets_401()
    {
        var response = await GetAsync("/api/audit/export", CreateToken(roles: []));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_from_unknown_key_gets_401()
    {
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "partnerbot-test-key" };

        var response = await GetAsync("/api/audit/export", CreateToken(["PartnerBot.Auditor"], otherKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_gets_401()
    {
        var response = await GetAsync("/api/audit/export", CreateToken(["PartnerBot.Auditor"], expires: DateTime.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Auditor_gets_csv_with_formulas_defused()
    {
        var response = await GetAsync("/api/audit/export?format=csv", CreateToken(["PartnerBot.Auditor"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sequence,occurred_at,request_id", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"https://example.com\"\")\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditor_gets_json()
    {
        var response = await GetAsync("/api/audit/export?format=json", CreateToken(["PartnerBot.Auditor"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("approved", Assert.Single(events)!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_format_gets_400()
    {
        var response = await GetAsync("/api/audit/export?format=xml", CreateToken(["PartnerBot.Auditor"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private string CreateToken(IReadOnlyList<string> roles, SecurityKey? key = null, DateTime? expires = null)
    {
        var claims = new List<Claim>
        {
            new("oid", Guid.NewGuid().ToString()),
            new("tid", PartnerBotFactory.PartnerTenantId),
            new("sub", Guid.NewGuid().ToString()),
        };
        claims.AddRange(roles.Select(role => new Claim("roles", role)));
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        var token = new JwtSecurityToken(
            issuer: Issuer,
            audience: ClientId,
            claims: claims,
            notBefore: expiry.AddHours(-1),
            expires: expiry,
            signingCredentials: new SigningCredentials(key ?? signingKey, SecurityAlgorithms.RsaSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private void TrustTestKey(JwtBearerOptions options)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(signingKey);
        options.Configuration = configuration;
        options.TokenValidationParameters.IssuerSigningKey = signingKey;
        options.TokenValidationParameters.ValidIssuer = Issuer;
        options.TokenValidationParameters.IssuerValidator = null;
        options.TokenValidationParameters.ValidAudiences = [ClientId, $"api://{ClientId}"];
    }
}
