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
        var path = context.Request.Path.Value ?? string.Empty;
        var isCreateConversation = context.Request.Method == HttpMethods.Post && path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal);

        if (isCreateConversation && CreateConversationFailureStatus is { } failureStatus)
        {
            calls.Enqueue(new RecordedConnectorCall(context.Request.Method, path, body) { StatusCode = failureStatus });
            context.Response.StatusCode = failureStatus;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}""");
            return;
        }

        var id = isCreateConversation ? "a:created-" + Guid.NewGuid().ToString("N") : Guid.NewGuid().ToString("N");
        calls.Enqueue(new RecordedConnectorCall(context.Request.Method, path, body) { ResponseId = id });

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["id"] = id }.ToJsonString());
    }

    /// <summary>
    /// When set, CreateConversation (POST /v3/conversations) fails with this HTTP status, as Teams does
    /// for a person who has not installed the app. Other calls still succeed.
    /// </summary>
    public int? CreateConversationFailureStatus { get; set; }

    /// <summary>CreateConversation calls (POST /v3/conversations), successful or failed, in order.</summary>
    public IReadOnlyList<RecordedConnectorCall> CreateConversationCalls => calls
        .Where(call => call.Method == HttpMethods.Post && call.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal))
        .ToArray();

    /// <summary>Edits of earlier messages (PUT of an activity), in order.</summary>
    public IReadOnlyList<RecordedConnectorCall> Updates => calls.Where(call => call.Method == HttpMethods.Put).ToArray();

    /// <summary>Returns the id that the stand-in returned for a sent activity, which later edits of it use.</summary>
    public string? ActivityIdOf(JsonObject sentActivity) =>
        calls.FirstOrDefault(call => ReferenceEquals(call.Body, sentActivity))?.ResponseId;
}

/// <summary>
/// One call the bot made to the connector stand-in. <see cref="ResponseId"/> is the activity or conversation id
/// returned to the bot, and <see cref="StatusCode"/> the HTTP status it got.
/// </summary>
public sealed record RecordedConnectorCall(string Method, string Path, JsonObject? Body)
{
    public string? ResponseId { get; init; }

    public int StatusCode { get; init; } = StatusCodes.Status200OK;
}
