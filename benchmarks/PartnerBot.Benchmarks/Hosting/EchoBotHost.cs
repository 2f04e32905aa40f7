using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Benchmarks.Hosting;

/// <summary>
/// The smallest Bot Framework bot hosted the way PartnerBot is: ASP.NET Core on Kestrel (127.0.0.1, free port),
/// a CloudAdapter without credentials, and an <see cref="IBot"/> that replies with the text it received.
/// It is the baseline that turn-overhead compares PartnerBot's turns with.
/// </summary>
internal sealed class EchoBotHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private EchoBotHost(WebApplication app)
    {
        this.app = app;
    }

    public Uri MessagesEndpoint => new(app.Urls.First().TrimEnd('/') + "/api/messages");

    public static async Task<EchoBotHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHttpClient();

        // An empty MicrosoftAppId makes Bot Framework accept unauthenticated requests and call the connector without a token, as PartnerBot does in Development.
        builder.Services.AddSingleton<BotFrameworkAuthentication>(provider => new ConfigurationBotFrameworkAuthentication(
            new ConfigurationBuilder().Build(),
            httpClientFactory: provider.GetRequiredService<IHttpClientFactory>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(provider => new CloudAdapter(provider.GetRequiredService<BotFrameworkAuthentication>()));
        builder.Services.AddTransient<IBot, EchoBot>();

        var app = builder.Build();
        app.MapPost(
            "/api/messages",
            (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken) =>
                adapter.ProcessAsync(request, response, bot, cancellationToken));
        await app.StartAsync();
        return new EchoBotHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
    }
}
