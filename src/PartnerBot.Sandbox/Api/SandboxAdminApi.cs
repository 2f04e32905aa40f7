using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerBot.Sandbox.Faults;

namespace PartnerBot.Sandbox.Api;

/// <summary>Test-only endpoints under <c>/_sandbox</c>: recorded requests, queued faults and password checks.</summary>
internal static class SandboxAdminApi
{
    public sealed record FaultRuleRequest(string? Method, string Path, string Fault, int? Count, Guid? CorrelationId);

    public sealed record PasswordCheckRequest(string Password);

    public sealed record PasswordCheckResponse(bool Matches, int ResetCount);

    public static void Map(IEndpointRouteBuilder admin)
    {
        admin.MapGet("/requests", (Guid? correlationId, PartnerCenterSandbox sandbox) =>
            SandboxResults.Json(sandbox.Recorder.Snapshot(correlationId)));

        admin.MapDelete("/requests", (PartnerCenterSandbox sandbox) =>
        {
            sandbox.Recorder.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/faults", (PartnerCenterSandbox sandbox) => SandboxResults.Json(sandbox.Faults.Pending()));

        admin.MapPost("/faults", (FaultRuleRequest request, PartnerCenterSandbox sandbox) =>
        {
            SandboxFault fault;
            try
            {
                fault = SandboxFault.Parse(request.Fault);
            }
            catch (FormatException exception)
            {
                return (IResult)SandboxResults.InvalidInput(exception.Message);
            }

            var rule = new SandboxFaultRule(request.Method ?? "*", request.Path, fault, Math.Max(1, request.Count ?? 1))
            {
                CorrelationId = request.CorrelationId,
            };
            sandbox.Faults.Enqueue(rule);
            return SandboxResults.Json(rule, StatusCodes.Status201Created);
        });

        admin.MapDelete("/faults", (PartnerCenterSandbox sandbox) =>
        {
            sandbox.Faults.Clear();
            return Results.NoContent();
        });

        // The password travels in the body, not the query string, so it stays out of access logs.
        admin.MapPost("/users/{customerId:guid}/{userId:guid}/password-check",
            (Guid customerId, Guid userId, PasswordCheckRequest request, PartnerCenterSandbox sandbox) =>
                SandboxResults.Json(new PasswordCheckResponse(
                    sandbox.PasswordMatches(customerId, userId, request.Password),
                    sandbox.ResetCount(customerId, userId))));
    }
}
