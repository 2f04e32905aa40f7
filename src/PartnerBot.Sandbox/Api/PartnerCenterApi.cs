using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Sandbox.Api;

/// <summary>The Partner Center endpoints that the reset client uses, served from the seeded directory.</summary>
internal static class PartnerCenterApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;
    private const string ContinuationHeader = "MS-ContinuationToken";

    /// <summary>
    /// Error code of the 400 response to a password that breaks the tenant's rule. NOTE: Partner Center documents no
    /// code for this case, so this value is the sandbox's own. The client treats any unknown 400 on a reset as a rejection.
    /// </summary>
    public const int PasswordRejectedCode = 60011;

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/customers", SearchCustomers);
        v1.MapGet("/customers/{customerId}", GetCustomer);
        v1.MapGet("/customers/{customerId}/users", ListUsers);
        v1.MapGet("/customers/{customerId}/users/{userId}", GetUser);
        v1.MapGet("/customers/{customerId}/users/{userId}/directoryroles", GetDirectoryRoles);
        v1.MapPatch("/customers/{customerId}/users/{userId}", ResetPassword);
    }

    private static IResult SearchCustomers(HttpContext context, PartnerCenterSandbox sandbox)
    {
        var query = context.Request.Query;
        if (!TryReadPageSize(query["size"], out var size))
        {
            return SandboxResults.InvalidInput($"The size must be a number from 1 to {MaxPageSize}.");
        }

        string field;
        string prefix;
        int offset;
        if (IsNextPage(context))
        {
            var parts = ContinuationTokens.Read(context.Request.Headers[ContinuationHeader]);
            if (parts is not ["customers", var tokenField, var tokenPrefix, var tokenOffset] ||
                !int.TryParse(tokenOffset, CultureInfo.InvariantCulture, out offset))
            {
                return SandboxResults.InvalidInput("The MS-ContinuationToken header is missing or invalid.");
            }

            (field, prefix) = (tokenField, tokenPrefix);
        }
        else
        {
            var filter = ReadFilter(query["filter"]);
            if (filter.Error is { } error)
            {
                return SandboxResults.InvalidInput(error);
            }

            (field, prefix, offset) = (filter.Field, filter.Value, 0);
        }

        var source = field == "Domain" ? sandbox.Directory.CustomersByDomain : sandbox.Directory.CustomersByName;
        var matches = source.Where(customer =>
            prefix.Length == 0 ||
            (field == "Domain" ? customer.Domain : customer.CompanyName).StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

        var page = matches.Skip(offset).Take(size + 1).ToList();
        LinksJson? links = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            var token = ContinuationTokens.Create("customers", field, prefix, (offset + size).ToString(CultureInfo.InvariantCulture));
            links = NextLink($"/customers?size={size}&seekOperation=Next", token);
        }

        var items = page.Select(SandboxJson.ToJson).ToList();
        return SandboxResults.Json(new CollectionJson<CustomerJson>(items.Count, items, links, SandboxJson.CollectionAttributes));
    }

    private static IResult GetCustomer(string customerId, PartnerCenterSandbox sandbox)
    {
        var customer = FindCustomer(sandbox, customerId);
        return customer is null ? SandboxResults.TenantNotFound() : SandboxResults.Json(SandboxJson.ToJson(customer));
    }

    private static IResult ListUsers(string customerId, HttpContext context, PartnerCenterSandbox sandbox)
    {
        var customer = FindCustomer(sandbox, customerId);
        if (customer is null)
        {
            return SandboxResults.TenantNotFound();
        }

        if (!customer.HasRelationship)
        {
            return SandboxResults.NoRelationship();
        }

        if (!TryReadPageSize(context.Request.Query["size"], out var size))
        {
            return SandboxResults.InvalidInput($"The size must be a number from 1 to {MaxPageSize}.");
        }

        var offset = 0;
        if (IsNextPage(context))
        {
            var parts = ContinuationTokens.Read(context.Request.Headers[ContinuationHeader]);
            if (parts is not ["users", var tokenCustomer, var tokenOffset] ||
                tokenCustomer != customer.Id.ToString() ||
                !int.TryParse(tokenOffset, CultureInfo.InvariantCulture, out offset))
            {
                return SandboxResults.InvalidInput("The MS-ContinuationToken header is missing or invalid.");
            }
        }

        var end = Math.Min(offset + size, customer.UserCount);
        var items = new List<UserJson>(Math.Max(0, end - offset));
        for (var index = offset; index < end; index++)
        {
            items.Add(SandboxJson.ToJson(sandbox.Directory.GetUser(customer, index)));
        }

        LinksJson? links = null;
        if (end < customer.UserCount)
        {
            var token = ContinuationTokens.Create("users", customer.Id.ToString(), end.ToString(CultureInfo.InvariantCulture));
            links = NextLink($"/customers/{customer.Id}/users?size={size}&seekOperation=Next", token);
        }

        return SandboxResults.Json(new CollectionJson<UserJson>(items.Count, items, links, SandboxJson.CollectionAttributes));
    }

    private static IResult GetUser(string customerId, string userId, PartnerCenterSandbox sandbox)
    {
        var (user, failure) = FindUser(sandbox, customerId, userId);
        return failure ?? SandboxResults.Json(SandboxJson.ToJson(user!));
    }

    private static IResult GetDirectoryRoles(string customerId, string userId, PartnerCenterSandbox sandbox)
    {
        var (user, failure) = FindUser(sandbox, customerId, userId);
        if (failure is not null)
        {
            return failure;
        }

        var items = user!.Roles.Select(SandboxJson.ToJson).ToList();
        return SandboxResults.Json(new CollectionJson<DirectoryRoleJson>(items.Count, items, null, SandboxJson.CollectionAttributes));
    }

    private static async Task<IResult> ResetPassword(string customerId, string userId, HttpContext context, PartnerCenterSandbox sandbox)
    {
        var body = await ReadBodyAsync(context);
        var requestId = Guid.Parse(context.Request.Headers["MS-RequestId"].ToString());

        var response = sandbox.ApplyOnce(requestId, () =>
        {
            var (user, failure) = FindUser(sandbox, customerId, userId);
            if (failure is not null)
            {
                return ToStored(failure);
            }

            var (profile, error) = ReadResetBody(body);
            if (error is not null)
            {
                return ToStored(SandboxResults.InvalidInput(error));
            }

            if (PasswordPolicy.Check(profile!.Password) is { } reason)
            {
                return ToStored(SandboxResults.Error(StatusCodes.Status400BadRequest, PasswordRejectedCode, reason));
            }

            sandbox.SetPassword(Guid.Parse(customerId), user!.Id, profile.Password);
            return ToStored(SandboxResults.Json(SandboxJson.ToJson(user, profile)));
        });

        return new JsonBytesResult(response.StatusCode, response.Body);
    }

    private static StoredResponse ToStored(IResult result) =>
        result is JsonBytesResult json ? new StoredResponse(json.StatusCode, json.Body) : throw new InvalidOperationException();

    // Only passwordProfile and attributes are accepted: on the real service any other member would overwrite the
    // user's profile, so the sandbox rejects a body that carries one.
    private static (PasswordProfileJson? Profile, string? Error) ReadResetBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The request body must be a JSON object.");
            }

            var unexpected = root.EnumerateObject()
                .Select(member => member.Name)
                .FirstOrDefault(name => name is not ("passwordProfile" or "attributes"));
            if (unexpected is not null)
            {
                return (null, $"The sandbox accepts only passwordProfile and attributes in a reset, not '{unexpected}'.");
            }

            if (!root.TryGetProperty("passwordProfile", out var profile) ||
                !profile.TryGetProperty("password", out var password) ||
                password.ValueKind != JsonValueKind.String)
            {
                return (null, "passwordProfile.password is missing.");
            }

            var forceChange = profile.TryGetProperty("forceChangePassword", out var force) && force.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("attributes", out var attributes) ||
                !attributes.TryGetProperty("objectType", out var objectType) ||
                objectType.GetString() != "CustomerUser")
            {
                return (null, "attributes.objectType must be CustomerUser.");
            }

            return (new PasswordProfileJson(password.GetString()!, forceChange), null);
        }
        catch (JsonException)
        {
            return (null, "The request body is not valid JSON.");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0;
        }

        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static SandboxCustomer? FindCustomer(PartnerCenterSandbox sandbox, string customerId) =>
        Guid.TryParse(customerId, out var id) ? sandbox.Directory.FindCustomer(id) : null;

    private static (SandboxUser? User, IResult? Failure) FindUser(PartnerCenterSandbox sandbox, string customerId, string userId)
    {
        var customer = FindCustomer(sandbox, customerId);
        if (customer is null)
        {
            return (null, SandboxResults.TenantNotFound());
        }

        if (!customer.HasRelationship)
        {
            return (null, SandboxResults.NoRelationship());
        }

        var user = Guid.TryParse(userId, out var id) ? sandbox.Directory.FindUser(customer, id) : null;
        return user is null ? (null, SandboxResults.UserNotFound()) : (user, null);
    }

    private static bool IsNextPage(HttpContext context) =>
        string.Equals(context.Request.Query["seekOperation"], "Next", StringComparison.OrdinalIgnoreCase);

    private static bool TryReadPageSize(string? text, out int size)
    {
        if (string.IsNullOrEmpty(text))
        {
            size = DefaultPageSize;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxPageSize;
    }

    private static (string Field, string Value, string? Error) ReadFilter(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ("CompanyName", "", null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var field = ReadString(root, "Field");
            var value = ReadString(root, "Value");
            var operation = ReadString(root, "Operator");

            if (field is not ("CompanyName" or "Domain"))
            {
                return ("", "", $"The filter field '{field}' is not supported; use CompanyName or Domain.");
            }

            if (operation != "starts_with")
            {
                return ("", "", $"The filter operator '{operation}' is not supported; use starts_with.");
            }

            return value is null ? ("", "", "The filter has no Value.") : (field, value, null);
        }
        catch (JsonException)
        {
            return ("", "", "The filter is not valid JSON.");
        }
    }

    private static string? ReadString(JsonElement element, string name)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase) && member.Value.ValueKind == JsonValueKind.String)
            {
                return member.Value.GetString();
            }
        }

        return null;
    }

    private static LinksJson NextLink(string uri, string token) =>
        new(new LinkJson(uri, "GET", [new LinkHeaderJson(ContinuationHeader, token)]));
}
