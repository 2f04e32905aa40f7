using System.Text;
using Microsoft.AspNetCore.Http;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.Sandbox.Api;

/// <summary>
/// Runs before every Partner Center endpoint: records the request, checks the bearer token and the MS-RequestId and
/// MS-CorrelationId headers, then injects a fault if one applies.
/// </summary>
internal sealed class SandboxRequestFilter(PartnerCenterSandbox sandbox, string mountPrefix) : IEndpointFilter
{
    public const string FaultHeader = "X-Sandbox-Fault";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var path = RelativePath(context);
        await sandbox.Recorder.AddAsync(context, path);

        if (CheckAuthorization(context) is { } unauthorized)
        {
            return unauthorized;
        }

        if (!Guid.TryParse(context.Request.Headers["MS-RequestId"], out _))
        {
            return SandboxResults.InvalidInput("The MS-RequestId header is missing or not a GUID.");
        }

        if (!Guid.TryParse(context.Request.Headers["MS-CorrelationId"], out var correlationId))
        {
            return SandboxResults.InvalidInput("The MS-CorrelationId header is missing or not a GUID.");
        }

        SandboxFault? fault;
        try
        {
            fault = context.Request.Headers.TryGetValue(FaultHeader, out var header)
                ? SandboxFault.Parse(header.ToString())
                : sandbox.Faults.Take(context.Request.Method, path, correlationId);
        }
        catch (FormatException exception)
        {
            return SandboxResults.InvalidInput(exception.Message);
        }

        if (fault is null)
        {
            return await next(invocation);
        }

        return await ApplyFaultAsync(fault, invocation, next);
    }

    private static async ValueTask<object?> ApplyFaultAsync(
        SandboxFault fault, EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var aborted = invocation.HttpContext.RequestAborted;
        if (fault.DelayBefore > TimeSpan.Zero && !await SandboxFault.DelayAsync(fault.DelayBefore, aborted))
        {
            return Results.Empty;
        }

        if (fault.StatusCode is { } status)
        {
            return status switch
            {
                StatusCodes.Status429TooManyRequests => SandboxResults.Throttled(fault.RetryAfterSeconds ?? 1),
                _ => SandboxResults.Error(status, fault.ErrorCode ?? status, $"Sandbox fault: status {status}."),
            };
        }

        var result = await next(invocation);
        if (fault.DelayAfter > TimeSpan.Zero && !await SandboxFault.DelayAsync(fault.DelayAfter, aborted))
        {
            return Results.Empty;
        }

        return result;
    }

    private IResult? CheckAuthorization(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
        {
            return SandboxResults.Error(StatusCodes.Status401Unauthorized, 800001, "The partner token is missing.");
        }

        var token = header["Bearer ".Length..].Trim();
        return string.Equals(token, sandbox.Options.AccessToken, StringComparison.Ordinal)
            ? null
            : SandboxResults.Error(StatusCodes.Status401Unauthorized, 400, "Access denied: the token is not valid for the sandbox.");
    }

    private string RelativePath(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        return mountPrefix.Length > 0 && path.StartsWith(mountPrefix, StringComparison.OrdinalIgnoreCase)
            ? path[mountPrefix.Length..]
            : path;
    }
}
