using System.Text;
using Microsoft.AspNetCore.Http;

namespace PartnerBot.Sandbox;

/// <summary>A request as the sandbox received it, without the Authorization header.</summary>
public sealed record RecordedRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public Guid? CorrelationId => Guid.TryParse(Header("MS-CorrelationId"), out var id) ? id : null;

    public Guid? RequestId => Guid.TryParse(Header("MS-RequestId"), out var id) ? id : null;
}

/// <summary>The most recent requests, bounded in count and body length.</summary>
public sealed class RequestRecorder(int maxRequests, int maxBodyLength)
{
    private readonly Lock _lock = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private long _sequence;

    public int MaxBodyLength => maxBodyLength;

    /// <summary>Records the request of <paramref name="context"/> under <paramref name="path"/>, without its Authorization header.</summary>
    public async Task AddAsync(HttpContext context, string path)
    {
        string? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        var headers = context.Request.Headers
            .Where(header => !string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        Add(context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body);
    }

    public void Add(string method, string path, string queryString, IReadOnlyDictionary<string, string> headers, string? body)
    {
        if (body is { Length: > 0 } && body.Length > maxBodyLength)
        {
            body = body[..maxBodyLength];
        }

        lock (_lock)
        {
            _requests.Enqueue(new RecordedRequest(++_sequence, DateTimeOffset.UtcNow, method, path, queryString, headers, body));
            while (_requests.Count > maxRequests)
            {
                _requests.Dequeue();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot(Guid? correlationId = null)
    {
        lock (_lock)
        {
            return _requests.Where(request => correlationId is null || request.CorrelationId == correlationId).ToList();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }
}
