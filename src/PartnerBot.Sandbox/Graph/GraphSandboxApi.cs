using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PartnerBot.Sandbox.Api;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.Sandbox.Graph;

/// <summary>
/// The Microsoft Graph endpoints that the reset client uses, served from the seeded directory. Delegated admin
/// customers are the customers that have a relationship with the partner. A customer's users are served only to a
/// token for that customer's tenant.
/// </summary>
internal static class GraphSandboxApi
{
    private const int DefaultPageSize = 100;
    private const int MaxCustomerPageSize = 300;
    private const int MaxUserPageSize = 999;

    public static void Map(IEndpointRouteBuilder v1)
    {
        v1.MapGet("/tenantRelationships/delegatedAdminCustomers", SearchCustomers);
        v1.MapGet("/tenantRelationships/delegatedAdminCustomers/{customerId}", GetCustomer);
        v1.MapGet("/tenantRelationships/findTenantInformationByTenantId(tenantId='{customerId}')", FindTenantInformation);
        v1.MapGet("/users", SearchUsers);
        v1.MapGet("/users/{userId}", GetUser);
        // Graph accepts a type cast with the full namespace or its "graph" alias; the Graph SDK sends the alias.
        v1.MapGet("/users/{userId}/memberOf/microsoft.graph.directoryRole", GetDirectoryRoles);
        v1.MapGet("/users/{userId}/memberOf/graph.directoryRole", GetDirectoryRoles);
        v1.MapPatch("/users/{userId}", ResetPassword);
        v1.MapPost("/users/{userId}/checkMemberGroups", CheckMemberGroups);
    }

    private static IResult SearchCustomers(HttpContext context, GraphSandbox sandbox)
    {
        if (RequirePartnerTenant(context, sandbox) is { } denied)
        {
            return denied;
        }

        var query = context.Request.Query;
        string prefix;
        int offset;
        int size;
        if (query.ContainsKey("$skiptoken"))
        {
            var parts = ContinuationTokens.Read(query["$skiptoken"]);
            if (parts is not ["customers", var tokenPrefix, var tokenOffset, var tokenSize] ||
                !int.TryParse(tokenOffset, CultureInfo.InvariantCulture, out offset) ||
                !int.TryParse(tokenSize, CultureInfo.InvariantCulture, out size))
            {
                return BadRequest(context, "The $skiptoken is not valid.");
            }

            prefix = tokenPrefix;
        }
        else
        {
            if (!TryReadTop(query["$top"], MaxCustomerPageSize, out size))
            {
                return BadRequest(context, $"$top must be a number from 1 to {MaxCustomerPageSize}.");
            }

            var filter = query.ContainsKey("$filter") ? GraphFilter.Parse(query["$filter"].ToString()) : new GraphFilter([]);
            if (filter is null || filter.Clauses.Any(clause => clause.Property != "displayName") || filter.Clauses.Count > 1)
            {
                return BadRequest(context, "Invalid filter clause: the sandbox supports startswith(displayName,'...') here.");
            }

            (prefix, offset) = (filter.Clauses.Count == 0 ? "" : filter.Clauses[0].Prefix, 0);
        }

        var page = sandbox.Directory.CustomersByName
            .Where(customer => customer.HasRelationship && customer.CompanyName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Skip(offset)
            .Take(size + 1)
            .ToList();

        string? nextLink = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            var token = ContinuationTokens.Create(
                "customers", prefix, (offset + size).ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture));
            nextLink = $"{ThisUrl(context)}?$skiptoken={Uri.EscapeDataString(token)}";
        }

        var items = page.Select(customer => new GraphCustomerJson(customer.Id.ToString(), customer.Id.ToString(), customer.CompanyName)).ToList();
        return GraphSandboxJson.Json(new GraphCollectionJson<GraphCustomerJson>(items, nextLink));
    }

    private static IResult GetCustomer(string customerId, HttpContext context, GraphSandbox sandbox)
    {
        if (RequirePartnerTenant(context, sandbox) is { } denied)
        {
            return denied;
        }

        var customer = Guid.TryParse(customerId, out var id) ? sandbox.Directory.FindCustomer(id) : null;
        return customer is { HasRelationship: true }
            ? GraphSandboxJson.Json(new GraphCustomerJson(customer.Id.ToString(), customer.Id.ToString(), customer.CompanyName))
            : NotFound(context);
    }

    private static IResult FindTenantInformation(string customerId, HttpContext context, GraphSandbox sandbox)
    {
        if (RequirePartnerTenant(context, sandbox) is { } denied)
        {
            return denied;
        }

        var customer = Guid.TryParse(customerId, out var id) ? sandbox.Directory.FindCustomer(id) : null;
        return customer is null
            ? NotFound(context)
            : GraphSandboxJson.Json(new GraphTenantInformationJson(customer.Id.ToString(), customer.CompanyName, customer.Domain));
    }

    private static IResult SearchUsers(HttpContext context, GraphSandbox sandbox)
    {
        var (customer, failure) = CustomerOfToken(context, sandbox);
        if (failure is not null)
        {
            return failure;
        }

        var query = context.Request.Query;
        if (!TryReadTop(query["$top"], MaxUserPageSize, out var size))
        {
            return BadRequest(context, $"$top must be a number from 1 to {MaxUserPageSize}.");
        }

        var filter = query.ContainsKey("$filter") ? GraphFilter.Parse(query["$filter"].ToString()) : new GraphFilter([]);
        if (filter is null || filter.Clauses.Any(clause => clause.Property is not ("displayName" or "userPrincipalName")))
        {
            return BadRequest(context, "Invalid filter clause: the sandbox supports startswith on displayName and userPrincipalName.");
        }

        // NOTE: the sandbox returns at most one page for a user search and no @odata.nextLink. The reset client asks
        // for no more users than it shows, so it never follows one.
        var items = new List<GraphUserJson>();
        for (var index = 0; index < customer!.UserCount && items.Count < size; index++)
        {
            var user = sandbox.Directory.GetUser(customer, index);
            var matches = filter.Clauses.Count == 0 || filter.Matches(property => property == "displayName" ? user.DisplayName : user.UserPrincipalName);
            if (matches)
            {
                items.Add(GraphSandboxJson.ToJson(customer, user, sandbox.LastPasswordChange(customer.Id, user.Id)));
            }
        }

        return GraphSandboxJson.Json(new GraphCollectionJson<GraphUserJson>(items, null));
    }

    private static IResult GetUser(string userId, HttpContext context, GraphSandbox sandbox)
    {
        var (customer, user, failure) = FindUser(context, sandbox, userId);
        return failure ?? GraphSandboxJson.Json(GraphSandboxJson.ToJson(customer!, user!, sandbox.LastPasswordChange(customer!.Id, user!.Id)));
    }

    private static IResult GetDirectoryRoles(string userId, HttpContext context, GraphSandbox sandbox)
    {
        var (_, user, failure) = FindUser(context, sandbox, userId);
        if (failure is not null)
        {
            return failure;
        }

        var items = user!.Roles.Select(GraphSandboxJson.ToJson).ToList();
        return GraphSandboxJson.Json(new GraphCollectionJson<GraphRoleJson>(items, null));
    }

    private static async Task<IResult> ResetPassword(string userId, HttpContext context, GraphSandbox sandbox)
    {
        var (customer, user, failure) = FindUser(context, sandbox, userId);
        if (failure is not null)
        {
            return failure;
        }

        var (password, error) = await ReadResetBodyAsync(context);
        if (error is not null)
        {
            return BadRequest(context, error);
        }

        // NOTE: the message for a user synchronised from on-premises follows public reports of Graph's wording;
        // Graph documents no error code for it.
        if (user!.LastDirectorySyncTime is not null)
        {
            return BadRequest(context,
                "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.");
        }

        if (user.Roles.Count > 0 && !sandbox.Options.PartnerIsPrivilegedAuthenticationAdministrator)
        {
            return GraphSandboxJson.Error(context, StatusCodes.Status403Forbidden, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.");
        }

        if (PasswordPolicy.Check(password!) is not null)
        {
            return BadRequest(context,
                "The specified password does not comply with password complexity requirements. Please provide a different password.");
        }

        sandbox.SetPassword(customer!.Id, user.Id, password!);
        return Results.NoContent();
    }

    private static async Task<IResult> CheckMemberGroups(string userId, HttpContext context, GraphSandbox sandbox)
    {
        if (RequirePartnerTenant(context, sandbox) is { } denied)
        {
            return denied;
        }

        if (!Guid.TryParse(userId, out var objectId))
        {
            return NotFound(context);
        }

        List<Guid> groups = [];
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (!document.RootElement.TryGetProperty("groupIds", out var ids) || ids.ValueKind != JsonValueKind.Array)
            {
                return BadRequest(context, "groupIds is missing.");
            }

            foreach (var id in ids.EnumerateArray())
            {
                if (!Guid.TryParse(id.GetString(), out var group))
                {
                    return BadRequest(context, "Every entry of groupIds must be a GUID.");
                }

                groups.Add(group);
            }
        }
        catch (JsonException)
        {
            return BadRequest(context, "The request body is not valid JSON.");
        }

        if (groups.Count > 20)
        {
            return BadRequest(context, "groupIds may contain at most 20 groups.");
        }

        var memberOf = sandbox.MemberGroups(objectId, groups).Select(group => group.ToString()).ToList();
        return GraphSandboxJson.Json(new GraphMemberGroupsJson(memberOf));
    }

    // Only passwordProfile is accepted: any other member would change more of the user than the password.
    private static async Task<(string? Password, string? Error)> ReadResetBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The request body must be a JSON object.");
            }

            var unexpected = root.EnumerateObject().Select(member => member.Name).FirstOrDefault(name => name != "passwordProfile");
            if (unexpected is not null)
            {
                return (null, $"The sandbox accepts only passwordProfile in a reset, not '{unexpected}'.");
            }

            if (!root.TryGetProperty("passwordProfile", out var profile) ||
                !profile.TryGetProperty("password", out var password) ||
                password.ValueKind != JsonValueKind.String)
            {
                return (null, "passwordProfile.password is missing.");
            }

            return (password.GetString(), null);
        }
        catch (JsonException)
        {
            return (null, "The request body is not valid JSON.");
        }
    }

    private static IResult? RequirePartnerTenant(HttpContext context, GraphSandbox sandbox) =>
        (Guid)context.Items[GraphSandboxFilter.TenantItem]! == sandbox.Options.PartnerTenantId
            ? null
            : GraphSandboxJson.Error(context, StatusCodes.Status403Forbidden, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation: this call needs a token for the partner's tenant.");

    private static (SandboxCustomer? Customer, IResult? Failure) CustomerOfToken(HttpContext context, GraphSandbox sandbox)
    {
        var tenant = (Guid)context.Items[GraphSandboxFilter.TenantItem]!;
        var customer = sandbox.Directory.FindCustomer(tenant);
        if (customer is null)
        {
            return (null, GraphSandboxJson.Error(context, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
                "The token's tenant is not a customer of the sandbox."));
        }

        // Without a GDAP relationship the partner has no role in the customer's tenant.
        return customer.HasRelationship
            ? (customer, null)
            : (null, GraphSandboxJson.Error(context, StatusCodes.Status403Forbidden, "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation."));
    }

    private static (SandboxCustomer? Customer, SandboxUser? User, IResult? Failure) FindUser(
        HttpContext context, GraphSandbox sandbox, string userId)
    {
        var (customer, failure) = CustomerOfToken(context, sandbox);
        if (failure is not null)
        {
            return (null, null, failure);
        }

        var user = Guid.TryParse(userId, out var id) ? sandbox.Directory.FindUser(customer!, id) : null;
        return user is null ? (null, null, NotFound(context)) : (customer, user, null);
    }

    private static bool TryReadTop(string? text, int max, out int size)
    {
        if (string.IsNullOrEmpty(text))
        {
            size = DefaultPageSize;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size >= 1 && size <= max;
    }

    private static string ThisUrl(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";

    private static IResult BadRequest(HttpContext context, string message) =>
        GraphSandboxJson.Error(context, StatusCodes.Status400BadRequest, "Request_BadRequest", message);

    private static IResult NotFound(HttpContext context) =>
        GraphSandboxJson.Error(context, StatusCodes.Status404NotFound, "Request_ResourceNotFound",
            "Resource does not exist or one of its queried reference-property objects are not present.");
}
