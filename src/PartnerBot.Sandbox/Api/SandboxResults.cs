using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PartnerBot.Sandbox.Api;

/// <summary>Writes a JSON response body, serialized with the sandbox's settings, with any status code.</summary>
internal sealed class JsonBytesResult(int statusCode, byte[] body, int? retryAfterSeconds = null) : IResult
{
    public int StatusCode => statusCode;

    public byte[] Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

internal static class SandboxResults
{
    private const string Source = "PartnerBot.Sandbox";

    public static JsonBytesResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, JsonSerializer.SerializeToUtf8Bytes(value, SandboxJson.Options));

    public static JsonBytesResult Error(int statusCode, int code, string description) =>
        Json(new ErrorJson(code, description, [], Source), statusCode);

    public static JsonBytesResult Throttled(int retryAfterSeconds) => new(
        StatusCodes.Status429TooManyRequests,
        JsonSerializer.SerializeToUtf8Bytes(
            new ThrottleJson(429, $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds."), SandboxJson.Options),
        retryAfterSeconds);

    public static JsonBytesResult InvalidInput(string description) => Error(StatusCodes.Status400BadRequest, 800002, description);

    public static JsonBytesResult TenantNotFound() =>
        Error(StatusCodes.Status404NotFound, 60003, "The customer tenant was not found.");

    public static JsonBytesResult UserNotFound() =>
        Error(StatusCodes.Status404NotFound, 60002, "The user object id was not found.");

    public static JsonBytesResult NoRelationship() =>
        Error(StatusCodes.Status403Forbidden, 20002, "The partner has no relationship with this customer.");
}
