using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Sandbox.Graph;

// Microsoft Graph response shapes as the sandbox writes them.

internal sealed record GraphCollectionJson<T>(
    IReadOnlyList<T> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink);

internal sealed record GraphCustomerJson(string Id, string TenantId, string DisplayName);

internal sealed record GraphTenantInformationJson(string TenantId, string DisplayName, string DefaultDomainName);

internal sealed record GraphUserJson(
    string Id,
    string UserPrincipalName,
    string DisplayName,
    string GivenName,
    string Surname,
    string UsageLocation,
    bool AccountEnabled,
    bool? OnPremisesSyncEnabled,
    DateTimeOffset? OnPremisesLastSyncDateTime,
    DateTimeOffset LastPasswordChangeDateTime);

internal sealed record GraphRoleJson(
    [property: JsonPropertyName("@odata.type")] string ODataType, string Id, string DisplayName, string RoleTemplateId);

internal sealed record GraphMemberGroupsJson(IReadOnlyList<string> Value);

internal sealed record GraphErrorJson(GraphErrorBodyJson Error);

internal sealed record GraphErrorBodyJson(string Code, string Message, GraphInnerErrorJson InnerError);

internal sealed record GraphInnerErrorJson(
    DateTimeOffset Date,
    [property: JsonPropertyName("request-id")] string RequestId,
    [property: JsonPropertyName("client-request-id")] string? ClientRequestId);

internal static class GraphSandboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static GraphUserJson ToJson(SandboxCustomer customer, SandboxUser user, DateTimeOffset lastPasswordChange) => new(
        user.Id.ToString(),
        user.UserPrincipalName,
        user.DisplayName,
        user.FirstName,
        user.LastName,
        user.UsageLocation,
        AccountEnabled: !user.IsInactive,
        customer.SyncsFromOnPremises ? user.LastDirectorySyncTime is not null : null,
        user.LastDirectorySyncTime,
        lastPasswordChange);

    // Partner Center reports the Global Administrator role by its old name; Graph uses the new one.
    public static GraphRoleJson ToJson(SandboxRole role) => new(
        "#microsoft.graph.directoryRole",
        role.Id.ToString(),
        role == SandboxRoles.CompanyAdministrator ? "Global Administrator" : role.Name,
        role.Id.ToString());

    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, Options, "application/json", statusCode);

    public static IResult Error(HttpContext context, int statusCode, string code, string message, int? retryAfterSeconds = null)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var clientRequestId = context.Request.Headers["client-request-id"].ToString();
        var inner = new GraphInnerErrorJson(
            DateTimeOffset.UtcNow, Guid.NewGuid().ToString(), clientRequestId.Length == 0 ? null : clientRequestId);
        return Json(new GraphErrorJson(new GraphErrorBodyJson(code, message, inner)), statusCode);
    }

    /// <summary>Graph's error code for each status that a fault can inject.</summary>
    public static string CodeForStatus(int statusCode) => statusCode switch
    {
        400 => "Request_BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => "Authorization_RequestDenied",
        404 => "Request_ResourceNotFound",
        429 => "TooManyRequests",
        503 => "ServiceNotAvailable",
        504 => "GatewayTimeout",
        _ => "InternalServerError",
    };
}
