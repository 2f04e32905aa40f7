using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Bot Connector service on loopback. The bot sends replies, card updates and new
/// conversations here over real HTTP; every call is recorded for assertions.
/// </summary>
public sealed class ConnectorRecorder : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedConnectorCall> calls = new();

    private ConnectorRecorder(WebApplication app)
    {
        this.app = app;
    }

    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedConnectorCall> Calls => calls.ToArray();

    /// <summary>Activities the bot sent (replies and new messages), in order.</summary>
    public IReadOnlyList<JsonObject> SentActivities => calls
        .Where(call => call.Method == HttpMethods.Post && call.Path.Contains("/activities", StringComparison.Ordinal))
        .Select(call => call.Body!)
        .ToArray();

    public static async Task<ConnectorRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        var app = builder.Build();
        var recorder = new ConnectorRecorder(app);
        app.Run(recorder.RecordAsync);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        recorder.ServiceUrl = address.TrimEnd('/') + "/";
        return recorder;
    }

    public void Clear() => calls.Clear();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        calls.Enqueue(new RecordedConnectorCall(context.Request.Method, context.Request.Path.Value ?? string.Empty, body));

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"{{Guid.NewGuid():N}}"}""");
    }
}

public sealed record RecordedConnectorCall(string Method, string Path, JsonObject? Body);
