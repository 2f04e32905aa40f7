using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Benchmarks.Hosting;

/// <summary>
/// A Bot Connector stand-in on 127.0.0.1 that responds to every call at once with a new id. It counts all calls but
/// keeps the activities sent to watched conversations only, so a long run keeps no more than the driver waits for.
/// </summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, WatchedConversation> watched = new(StringComparer.Ordinal);
    private long callCount;

    private ConnectorSink(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The base address that activities carry as serviceUrl, ending in '/'.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public long CallCount => Interlocked.Read(ref callCount);

    public static async Task<ConnectorSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new ConnectorSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Urls.First().TrimEnd('/') + "/";
        return sink;
    }

    /// <summary>Starts keeping the activities sent to <paramref name="conversationId"/>.</summary>
    public void Watch(string conversationId) => watched.TryAdd(conversationId, new WatchedConversation());

    /// <summary>Stops keeping activities of <paramref name="conversationId"/> and drops the kept ones.</summary>
    public void Forget(string conversationId) => watched.TryRemove(conversationId, out _);

    /// <summary>Activities sent to a watched conversation so far, in order.</summary>
    public IReadOnlyList<JsonObject> SentTo(string conversationId) =>
        watched.TryGetValue(conversationId, out var conversation) ? conversation.Snapshot() : [];

    /// <summary>
    /// Waits until an activity sent to the watched <paramref name="conversationId"/> matches, and returns it. Throws
    /// <see cref="TimeoutException"/> with what was sent when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<JsonObject> WaitForAsync(string conversationId, Func<JsonObject, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!watched.TryGetValue(conversationId, out var conversation))
        {
            throw new InvalidOperationException($"Conversation {conversationId} is not watched; call Watch before the turn that sends to it.");
        }

        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var changed = conversation.Changed;
            var found = conversation.Snapshot().FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var sent = string.Join(" | ", conversation.Snapshot().Select(activity => TextOf(activity)));
                throw new TimeoutException($"Nothing matching was sent to {conversationId} within {timeout.TotalSeconds:0.#} s. Sent: {sent}");
            }

            await Task.WhenAny(changed, Task.Delay(left, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Returns the card JSON of an activity, or its text when it carries no card.</summary>
    public static string TextOf(JsonObject activity) =>
        activity["attachments"] is JsonArray { Count: > 0 } attachments
            ? attachments[0]?["content"]?.ToJsonString() ?? string.Empty
            : activity["text"]?.GetValue<string>() ?? string.Empty;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref callCount);
        var path = context.Request.Path.Value ?? string.Empty;

        // Paths are /v3/conversations/{conversationId}/activities[/{activityId}], or /v3/conversations to create one.
        var segments = path.Trim('/').Split('/');
        var isCreateConversation = context.Request.Method == HttpMethods.Post && segments is ["v3", "conversations"];
        var isSend = context.Request.Method == HttpMethods.Post && segments.Length >= 4 && segments[3] == "activities";
        if (isSend && watched.TryGetValue(Uri.UnescapeDataString(segments[2]), out var conversation))
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            if (body is not null)
            {
                conversation.Add(body);
            }
        }

        var id = isCreateConversation ? "a:created-" + Guid.NewGuid().ToString("N") : Guid.NewGuid().ToString("N");
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"id\":\"" + id + "\"}");
    }

    private sealed class WatchedConversation
    {
        private readonly Lock gate = new();
        private readonly List<JsonObject> activities = [];
        private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A task that completes at the next <see cref="Add"/>.</summary>
        public Task Changed
        {
            get
            {
                lock (gate)
                {
                    return changed.Task;
                }
            }
        }

        public void Add(JsonObject activity)
        {
            TaskCompletionSource completed;
            lock (gate)
            {
                activities.Add(activity);
                completed = changed;
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            completed.TrySetResult();
        }

        public IReadOnlyList<JsonObject> Snapshot()
        {
            lock (gate)
            {
                return [.. activities];
            }
        }
    }
}
