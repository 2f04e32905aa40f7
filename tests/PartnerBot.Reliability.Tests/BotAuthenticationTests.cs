using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using PartnerBot.Benchmarks.Hosting;
using PartnerBot.Benchmarks.Load;
using PartnerBot.Scaling.Tests;
using PartnerBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PartnerBot.Reliability.Tests;

/// <summary>
/// The built bot as a Production process with placeholder credentials, whose Bot Framework OpenID metadata points at
/// a loopback server with this test's key. A token signed with that key is accepted; a missing token or one signed
/// with another key gets 401. Every other outbound call of the process goes to a proxy that refuses it, and the test
/// checks that none did.
/// </summary>
public sealed class BotAuthenticationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly RefusingProxy proxy = new();
    private LoopbackOpenIdServer openId = null!;
    private ConnectorSink connector = null!;
    private BotProcess bot = null!;
    private string dataFolder = null!;

    public async Task InitializeAsync()
    {
        openId = await LoopbackOpenIdServer.StartAsync();
        connector = await ConnectorSink.StartAsync();
        dataFolder = Directory.CreateTempSubdirectory("partnerbot-auth-").FullName;

        var settings = ProductionSettings.Create()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["PartnerBot:PartnerTenantId"] = PartnerBotFactory.PartnerTenantId;
        settings["Storage:DataFolder"] = dataFolder;

        // Once any of these keys is set, Bot Framework 4.23.1 (BotFrameworkAuthenticationFactory.Create) reads all of them
        // from configuration and leaves the unset ones empty. So every one gets a value, and none points off the machine.
        settings["ToBotFromChannelOpenIdMetadataUrl"] = openId.MetadataUrl;
        settings["ToBotFromEmulatorOpenIdMetadataUrl"] = openId.MetadataUrl;
        settings["ToBotFromChannelTokenIssuer"] = LoopbackOpenIdServer.Issuer;
        settings["ToChannelFromBotLoginUrl"] = openId.BaseUrl;
        settings["ToChannelFromBotOAuthScope"] = LoopbackOpenIdServer.Issuer;
        settings["OAuthUrl"] = openId.BaseUrl;

        // The process trusts only the loopback server's certificate, and sends everything not for 127.0.0.1 to the refusing proxy.
        settings["SSL_CERT_FILE"] = openId.CertificatePemPath;
        settings["SSL_CERT_DIR"] = Path.GetDirectoryName(openId.CertificatePemPath)!;
        settings["HTTP_PROXY"] = proxy.Url;
        settings["HTTPS_PROXY"] = proxy.Url;
        settings["ALL_PROXY"] = proxy.Url;
        settings["NO_PROXY"] = "127.0.0.1";

        bot = await BotProcess.StartAsync("bot in Production", settings, client);
    }

    public async Task DisposeAsync()
    {
        output.WriteLine(bot?.Output ?? string.Empty);
        if (bot is not null)
        {
            await bot.DisposeAsync();
        }

        await connector.DisposeAsync();
        await openId.DisposeAsync();
        proxy.Dispose();
        client.Dispose();
        Directory.Delete(dataFolder, recursive: true);
    }

    [Fact]
    public async Task Token_from_loopback_key_is_accepted()
    {
        var status = await PostUnknownInvokeAsync(openId.CreateToken(ProductionSettings.AppId, connector.ServiceUrl));

        // 400 is the bot's own response to an invoke name it does not handle, so the request got past authentication.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(openId.MetadataRequests > 0, "The bot should have read the loopback OpenID metadata.");
        Assert.Empty(proxy.RequestLines);
    }

    [Fact]
    public async Task Token_signed_by_other_key_gets_401()
    {
        var status = await PostUnknownInvokeAsync(LoopbackOpenIdServer.CreateForgedToken(ProductionSettings.AppId, connector.ServiceUrl));

        // NOTE: fails today with 500. CloudAdapter 4.23.1 turns only UnauthorizedAccessException into 401, and a bad
        // signature throws SecurityTokenInvalidSignatureException, which reaches Kestrel unhandled.

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(openId.MetadataRequests > 0, "The bot should have checked the token against the loopback OpenID metadata.");
        Assert.Empty(proxy.RequestLines);
    }

    [Fact]
    public async Task Token_for_other_app_gets_401()
    {
        var status = await PostUnknownInvokeAsync(openId.CreateToken(Guid.NewGuid().ToString(), connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(proxy.RequestLines);
    }

    [Fact]
    public async Task Missing_token_gets_401()
    {
        var status = await PostUnknownInvokeAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(proxy.RequestLines);
    }

    private async Task<HttpStatusCode> PostUnknownInvokeAsync(string? token)
    {
        var teams = new TeamsClient(client, bot.MessagesEndpoint, connector.ServiceUrl, PartnerBotFactory.PartnerTenantId);
        var activity = teams.Activity(new TeamsUser("Adele Requester", Guid.Parse(PartnerBotFactory.RequesterObjectId)), "invoke", new TeamsConversation("a:personal-auth-test", "personal"));
        activity["name"] = "partnerbot/notAnInvoke";
        using var request = new HttpRequestMessage(HttpMethod.Post, bot.MessagesEndpoint) { Content = JsonContent.Create(activity) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
