using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PartnerBot.ResetClient.PartnerCenter;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

public sealed class SandboxMountTests
{
    [Fact]
    public async Task Development_serves_sandbox_customers()
    {
        await using var factory = new PartnerBotFactory();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/partnercenter/v1/customers?size=5");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PartnerCenterAuthenticationOptions.SandboxToken);
        request.Headers.Add("MS-RequestId", Guid.NewGuid().ToString());
        request.Headers.Add("MS-CorrelationId", Guid.NewGuid().ToString());

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(5, body["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Production_has_no_sandbox()
    {
        var settings = ProductionSettings.Create();
        await using var factory = new PartnerBotFactory(settings, environment: "Production");
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/sandbox/partnercenter/v1/customers?size=5");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
