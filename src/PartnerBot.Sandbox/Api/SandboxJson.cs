using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Sandbox.Api;

// Partner Center response shapes as the sandbox writes them.

internal sealed record ObjectAttributesJson(string ObjectType);

internal sealed record CollectionJson<T>(int TotalCount, IReadOnlyList<T> Items, LinksJson? Links, ObjectAttributesJson Attributes);

internal sealed record LinksJson(LinkJson Next);

internal sealed record LinkJson(string Uri, string Method, IReadOnlyList<LinkHeaderJson> Headers);

internal sealed record LinkHeaderJson(string Key, string Value);

internal sealed record CompanyProfileJson(string TenantId, string Domain, string CompanyName, ObjectAttributesJson Attributes);

internal sealed record CustomerJson(
    string Id, CompanyProfileJson CompanyProfile, string RelationshipToPartner, ObjectAttributesJson Attributes);

internal sealed record PasswordProfileJson(string Password, bool ForceChangePassword);

internal sealed record UserJson(
    string UsageLocation,
    string Id,
    string UserPrincipalName,
    string FirstName,
    string LastName,
    string DisplayName,
    string UserDomainType,
    string State,
    DateTimeOffset? LastDirectorySyncTime,
    PasswordProfileJson? PasswordProfile,
    ObjectAttributesJson Attributes);

internal sealed record DirectoryRoleJson(string Name, string Id, ObjectAttributesJson Attributes);

internal sealed record ErrorJson(int Code, string Description, IReadOnlyList<string> Data, string Source);

internal sealed record ThrottleJson(int StatusCode, string Message);

internal static class SandboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Non-ASCII names stay readable in curl output; the JSON is equally valid either way.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly ObjectAttributesJson CustomerAttributes = new("Customer");
    private static readonly ObjectAttributesJson ProfileAttributes = new("CustomerCompanyProfile");
    private static readonly ObjectAttributesJson UserAttributes = new("CustomerUser");
    private static readonly ObjectAttributesJson RoleAttributes = new("DirectoryRole");

    public static readonly ObjectAttributesJson CollectionAttributes = new("Collection");

    public static CustomerJson ToJson(SandboxCustomer customer) => new(
        customer.Id.ToString(),
        new CompanyProfileJson(customer.Id.ToString(), customer.Domain, customer.CompanyName, ProfileAttributes),
        "reseller",
        CustomerAttributes);

    public static UserJson ToJson(SandboxUser user, PasswordProfileJson? passwordProfile = null) => new(
        user.UsageLocation,
        user.Id.ToString(),
        user.UserPrincipalName,
        user.FirstName,
        user.LastName,
        user.DisplayName,
        "none",
        user.IsInactive ? "inactive" : "active",
        user.LastDirectorySyncTime,
        passwordProfile,
        UserAttributes);

    public static DirectoryRoleJson ToJson(SandboxRole role) => new(role.Name, role.Id.ToString(), RoleAttributes);
}
