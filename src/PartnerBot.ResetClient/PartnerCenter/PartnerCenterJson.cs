using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerBot.ResetClient.PartnerCenter;

// Partner Center wire shapes: only the members the client reads or must send.

internal sealed record PartnerCenterCollection<T>(
    [property: JsonPropertyName("totalCount")] int? TotalCount,
    [property: JsonPropertyName("items")] List<T>? Items,
    [property: JsonPropertyName("links")] PartnerCenterLinks? Links);

internal sealed record PartnerCenterLinks([property: JsonPropertyName("next")] PartnerCenterLink? Next);

internal sealed record PartnerCenterLink(
    [property: JsonPropertyName("uri")] string? Uri,
    [property: JsonPropertyName("method")] string? Method,
    [property: JsonPropertyName("headers")] List<PartnerCenterLinkHeader>? Headers);

internal sealed record PartnerCenterLinkHeader(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] string? Value);

internal sealed record PartnerCenterCustomer(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("companyProfile")] PartnerCenterCompanyProfile? CompanyProfile,
    [property: JsonPropertyName("relationshipToPartner")] string? RelationshipToPartner);

internal sealed record PartnerCenterCompanyProfile(
    [property: JsonPropertyName("tenantId")] string? TenantId,
    [property: JsonPropertyName("domain")] string? Domain,
    [property: JsonPropertyName("companyName")] string? CompanyName);

internal sealed record PartnerCenterUser(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("userPrincipalName")] string? UserPrincipalName,
    [property: JsonPropertyName("firstName")] string? FirstName,
    [property: JsonPropertyName("lastName")] string? LastName,
    [property: JsonPropertyName("displayName")] string? DisplayName,
    [property: JsonPropertyName("usageLocation")] string? UsageLocation,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("lastDirectorySyncTime")] DateTimeOffset? LastDirectorySyncTime);

internal sealed record PartnerCenterDirectoryRole(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record PartnerCenterError(
    [property: JsonPropertyName("code")] JsonErrorCode? Code,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("statusCode")] int? StatusCode,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>An error code that Partner Center sends as a number or, in some responses, as a string.</summary>
[JsonConverter(typeof(JsonErrorCodeConverter))]
internal sealed record JsonErrorCode(string Value);

internal sealed class JsonErrorCodeConverter : JsonConverter<JsonErrorCode>
{
    public override JsonErrorCode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => new JsonErrorCode(reader.GetInt64().ToString(CultureInfo.InvariantCulture)),
            JsonTokenType.String => new JsonErrorCode(reader.GetString() ?? ""),
            _ => SkipUnknown(ref reader),
        };

    public override void Write(Utf8JsonWriter writer, JsonErrorCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    private static JsonErrorCode? SkipUnknown(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

/// <summary>The reset body. Partner Center overwrites every user member it receives, so it has only these two.</summary>
internal sealed record PasswordResetBody(
    [property: JsonPropertyName("passwordProfile")] PasswordProfileBody PasswordProfile,
    [property: JsonPropertyName("attributes")] ObjectAttributes Attributes);

internal sealed record PasswordProfileBody(
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("forceChangePassword")] bool ForceChangePassword);

internal sealed record ObjectAttributes([property: JsonPropertyName("objectType")] string ObjectType);

/// <summary>The customer search filter; Partner Center expects these member names in Pascal case.</summary>
internal sealed record CustomerFilter(
    [property: JsonPropertyName("Field")] string Field,
    [property: JsonPropertyName("Value")] string Value,
    [property: JsonPropertyName("Operator")] string Operator);

/// <summary>The client's own continuation token: the next link and Partner Center's continuation header value.</summary>
internal sealed record ContinuationState(
    [property: JsonPropertyName("u")] string NextUri,
    [property: JsonPropertyName("t")] string? ContinuationToken);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PartnerCenterCollection<PartnerCenterCustomer>))]
[JsonSerializable(typeof(PartnerCenterCollection<PartnerCenterUser>))]
[JsonSerializable(typeof(PartnerCenterCollection<PartnerCenterDirectoryRole>))]
[JsonSerializable(typeof(PartnerCenterCustomer))]
[JsonSerializable(typeof(PartnerCenterUser))]
[JsonSerializable(typeof(PartnerCenterError))]
[JsonSerializable(typeof(PasswordResetBody))]
[JsonSerializable(typeof(ContinuationState))]
[JsonSerializable(typeof(CustomerFilter))]
internal sealed partial class PartnerCenterJsonContext : JsonSerializerContext;
