using System.Globalization;

namespace PartnerBot.Sandbox.Faults;

/// <summary>
/// A fault to inject into one response: an error status (with a Partner Center error code or a Retry-After), a delay
/// before the request is handled, or a delay after it was handled. After a late response the change is still applied.
/// </summary>
public sealed record SandboxFault
{
    public int? StatusCode { get; init; }

    public int? ErrorCode { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public TimeSpan DelayBefore { get; init; }

    public TimeSpan DelayAfter { get; init; }

    /// <summary>
    /// Parses the <c>X-Sandbox-Fault</c> format: parts separated by ';', for example <c>429;retry-after=1</c>,
    /// <c>500</c>, <c>error=60002</c> (the status comes from the code), <c>delay=1500</c> or <c>delay-after=2000</c>
    /// (milliseconds).
    /// </summary>
    public static SandboxFault Parse(string text)
    {
        var fault = new SandboxFault();
        foreach (var rawPart in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = rawPart.IndexOf('=');
            var key = separator < 0 ? rawPart : rawPart[..separator].Trim().ToLowerInvariant();
            var value = separator < 0 ? null : rawPart[(separator + 1)..].Trim();

            fault = (key, value) switch
            {
                (_, null) => fault with { StatusCode = ParseNumber(key, rawPart) },
                ("status", _) => fault with { StatusCode = ParseNumber(value, rawPart) },
                ("error", _) => WithErrorCode(fault, ParseNumber(value, rawPart)),
                ("retry-after", _) => fault with { RetryAfterSeconds = ParseNumber(value, rawPart) },
                ("delay", _) => fault with { DelayBefore = TimeSpan.FromMilliseconds(ParseNumber(value, rawPart)) },
                ("delay-after", _) => fault with { DelayAfter = TimeSpan.FromMilliseconds(ParseNumber(value, rawPart)) },
                _ => throw new FormatException(
                    $"Unknown sandbox fault part '{rawPart}'. Use a status, status=, error=, retry-after=, delay= or delay-after=."),
            };
        }

        return fault;
    }

    /// <summary>HTTP status that Partner Center sends with each documented error code.</summary>
    public static int StatusForErrorCode(int errorCode) => errorCode switch
    {
        800001 or 400 => 401,
        20002 => 403,
        60002 or 60003 => 404,
        _ => 400,
    };

    private static SandboxFault WithErrorCode(SandboxFault fault, int errorCode) =>
        fault with { ErrorCode = errorCode, StatusCode = fault.StatusCode ?? StatusForErrorCode(errorCode) };

    private static int ParseNumber(string? text, string part) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new FormatException($"Sandbox fault part '{part}' needs a non-negative whole number.");

    /// <summary>Waits <paramref name="delay"/> for a slow-response fault. Returns false when the client gave up while waiting.</summary>
    public static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>
/// A queued fault for the next <see cref="Count"/> requests that match a method and path. The path may use '*'
/// for one segment, for example <c>/v1/customers/*/users/*</c>; the method "*" matches every method.
/// </summary>
public sealed record SandboxFaultRule(string Method, string PathPattern, SandboxFault Fault, int Count = 1)
{
    /// <summary>When set, only requests with this <c>MS-CorrelationId</c> match.</summary>
    public Guid? CorrelationId { get; init; }

    public bool Matches(string method, string path, Guid? correlationId)
    {
        if (Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (CorrelationId is { } expected && expected != correlationId)
        {
            return false;
        }

        var patternSegments = PathPattern.Trim('/').Split('/');
        var pathSegments = path.Trim('/').Split('/');
        if (patternSegments.Length != pathSegments.Length)
        {
            return false;
        }

        return patternSegments.Zip(pathSegments)
            .All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }
}
