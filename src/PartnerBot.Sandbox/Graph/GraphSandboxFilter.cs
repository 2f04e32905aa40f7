using System.Text;
using Microsoft.AspNetCore.Http;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.Sandbox.Graph;

/// <summary>
/// Runs before every Graph endpoint: records the request, reads the tenant from the bearer token
/// (<c>{sandbox token}.{tenant id}</c>), then injects a fault if one applies. The fault plan and the
/// <c>X-Sandbox-Fault</c> header work as for Partner Center, with the <c>client-request-id</c> header as the
/// correlation id and paths such as <c>/v1.0/users/*</c>.
/// </summary>
internal sealed class GraphSandboxFilter(GraphSandbox sandbox, string mountPrefix) : IEndpointFilter
{
    public const string TenantItem = "PartnerBot.GraphSandbox.Tenant";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var path = RelativePath(context);
        await sandbox.PartnerCenter.Recorder.AddAsync(context, path);

        if (ReadTenant(context) is not { } tenant)
        {
            return GraphSandboxJson.Error(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
                "Access token is empty or not valid for the sandbox.");
        }

        context.Items[TenantItem] = tenant;
        var correlationId = Guid.TryParse(context.Request.Headers["client-request-id"], out var id) ? id : (Guid?)null;

        SandboxFault? fault;
        try
        {
            fault = context.Request.Headers.TryGetValue("X-Sandbox-Fault", out var header)
                ? SandboxFault.Parse(header.ToString())
                : sandbox.PartnerCenter.Faults.Take(context.Request.Method, path, correlationId);
        }
        catch (FormatException exception)
        {
            return GraphSandboxJson.Error(context, StatusCodes.Status400BadRequest, "BadRequest", exception.Message);
        }

        return fault is null ? await next(invocation) : await ApplyFaultAsync(fault, invocation, next);
    }

    private static async ValueTask<object?> ApplyFaultAsync(
        SandboxFault fault, EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (fault.DelayBefore > TimeSpan.Zero && !await SandboxFault.DelayAsync(fault.DelayBefore, context.RequestAborted))
        {
            return Results.Empty;
        }

        if (fault.StatusCode is { } status)
        {
            var retryAfter = status == StatusCodes.Status429TooManyRequests ? fault.RetryAfterSeconds ?? 1 : (int?)null;
            var message = status == StatusCodes.Status403Forbidden
                ? "Insufficient privileges to complete the operation."
                : $"Sandbox fault: status {status}.";
            return GraphSandboxJson.Error(context, status, GraphSandboxJson.CodeForStatus(status), message, retryAfter);
        }

        var result = await next(invocation);
        if (fault.DelayAfter > TimeSpan.Zero && !await SandboxFault.DelayAsync(fault.DelayAfter, context.RequestAborted))
        {
            return Results.Empty;
        }

        return result;
    }

    private Guid? ReadTenant(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var prefix = "Bearer " + sandbox.PartnerCenter.Options.AccessToken + ".";
        return header.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(header[prefix.Length..], out var tenant)
            ? tenant
            : null;
    }

    private string RelativePath(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        return mountPrefix.Length > 0 && path.StartsWith(mountPrefix, StringComparison.OrdinalIgnoreCase)
            ? path[mountPrefix.Length..]
            : path;
    }
}
