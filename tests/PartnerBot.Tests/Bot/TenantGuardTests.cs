using System.Net;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Bot;

public sealed class TenantGuardTests : IAsyncLifetime
{
    private const string ForeignTenantId = "e5a1c3b7-0d9f-4e26-8b4a-71c2d9f0a3e8";

    private ConnectorRecorder connector = null!;
    private PartnerBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        connector = await ConnectorRecorder.StartAsync();
        factory = new PartnerBotFactory();
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        await connector.DisposeAsync();
    }

    [Theory]
    [InlineData("help")]
    [InlineData("reset password")]
    [InlineData("cancel")]
    public async Task Foreign_tenant_gets_no_reply(string text)
    {
        var activity = Activities.Message(connector.ServiceUrl, text, tenantId: ForeignTenantId);

        var response = await client.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Foreign_tenant_reaches_no_command_logic()
    {
        var activity = Activities.Message(connector.ServiceUrl, "reset password", tenantId: ForeignTenantId);

        await client.PostAsync(activity);

        var entries = factory.Logs.Entries;
        var dropped = Assert.Single(entries, entry => entry.EventId.Id == 2001);
        Assert.Equal(ForeignTenantId, dropped.Properties["TenantId"]);
        Assert.DoesNotContain(entries, entry => entry.EventId.Id == 2004);
        Assert.DoesNotContain(entries, entry => entry.EventId.Id == 3001);
    }

    [Fact]
    public async Task Missing_tenant_gets_no_reply()
    {
        var activity = Activities.Message(connector.ServiceUrl, "help");
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity.Remove("channelData");

        await client.PostAsync(activity);

        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Tenant_from_channel_data_is_accepted()
    {
        var activity = Activities.Message(connector.ServiceUrl, "help");
        activity["conversation"]!.AsObject().Remove("tenantId");

        await client.PostAsync(activity);

        Assert.Single(connector.SentActivities);
    }

    [Fact]
    public async Task Foreign_tenant_invoke_gets_no_card()
    {
        var activity = Activities.CardAction(connector.ServiceUrl, "anything");
        activity["conversation"]!["tenantId"] = ForeignTenantId;
        activity["channelData"]!["tenant"]!["id"] = ForeignTenantId;

        var response = await client.PostAsync(activity);

        Assert.DoesNotContain("card.adaptive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(connector.Calls);
    }
}
