using System.Text.Json.Serialization;

namespace PartnerBot.ResetClient.Graph;

/// <summary>The body of <c>PATCH /users/{id}</c> for a reset: only the password profile, so no other property changes.</summary>
internal sealed record GraphPasswordResetBody(GraphPasswordProfileBody PasswordProfile);

internal sealed record GraphPasswordProfileBody(string Password, bool ForceChangePasswordNextSignIn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GraphPasswordResetBody))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
