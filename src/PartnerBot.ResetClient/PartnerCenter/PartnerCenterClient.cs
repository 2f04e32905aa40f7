using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerBot.ResetClient.Authentication;
using Polly.Timeout;

namespace PartnerBot.ResetClient.PartnerCenter;

/// <summary>
/// <see cref="ICustomerDirectory"/> over the Partner Center REST API. Headers, the bearer token, retries and
/// attempt logging come from the handlers that <see cref="PartnerCenterServiceCollectionExtensions"/> puts on the
/// <see cref="HttpClient"/>; this class builds requests and reads responses.
/// </summary>
internal sealed class PartnerCenterClient(
    HttpClient httpClient,
    UserIndexCache userIndexCache,
    IOptions<PartnerCenterOptions> options,
    ILogger<PartnerCenterClient> logger) : ICustomerDirectory
{
    private const string CustomersTemplate = "/v1/customers";
    private const string CustomerTemplate = "/v1/customers/{customerId}";
    private const string UsersTemplate = "/v1/customers/{customerId}/users";
    private const string UserTemplate = "/v1/customers/{customerId}/users/{userId}";
    private const string RolesTemplate = "/v1/customers/{customerId}/users/{userId}/directoryroles";
    private const string ContinuationHeader = "MS-ContinuationToken";
    private const int MaxCustomerPageSize = 500;
    private const int MaxUserSearchResults = 500;

    private static readonly PartnerCenterJsonContext Json = PartnerCenterJsonContext.Default;

    public async Task<CustomerPage> SearchCustomersAsync(
        CustomerSearch search, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentException.ThrowIfNullOrWhiteSpace(search.Prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.PageSize, MaxCustomerPageSize);

        HttpRequestMessage request;
        if (search.ContinuationToken is { } token)
        {
            request = CreateNextPageRequest(DecodeContinuation(token));
        }
        else
        {
            var field = search.Field == CustomerSearchField.Domain ? "Domain" : "CompanyName";
            var filter = JsonSerializer.Serialize(
                new CustomerFilter(field, search.Prefix.Trim(), "starts_with"), Json.CustomerFilter);
            request = new HttpRequestMessage(
                HttpMethod.Get, $"v1/customers?size={search.PageSize}&filter={Uri.EscapeDataString(filter)}");
        }

        var context = NewContext("SearchCustomers", CustomersTemplate, correlationId);
        var page = await SendAsync(request, context, Json.PartnerCenterCollectionPartnerCenterCustomer, cancellationToken)
            .ConfigureAwait(false);

        var customers = (page.Items ?? []).Select(ToCustomer).ToList();
        var next = NextPage(page);
        return new CustomerPage(customers, next is null ? null : EncodeContinuation(next));
    }

    public async Task<CustomerSummary> GetCustomerAsync(string customerId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);

        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{Uri.EscapeDataString(customerId)}");
        var context = NewContext("GetCustomer", CustomerTemplate, correlationId);
        var customer = await SendAsync(request, context, Json.PartnerCenterCustomer, cancellationToken).ConfigureAwait(false);
        return ToCustomer(customer);
    }

    public async Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(
        string customerId, string prefix, int maxResults, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, MaxUserSearchResults);

        var trimmedPrefix = prefix.Trim();
        var index = userIndexCache.GetOrCreate(customerId);
        await index.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await FindInIndexAsync(customerId, index, trimmedPrefix, maxResults, correlationId, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            index.Gate.Release();
        }
    }

    public async Task<DirectoryUser> GetUserAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        var request = new HttpRequestMessage(HttpMethod.Get, UserPath(customerId, userId));
        var context = NewContext("GetUser", UserTemplate, correlationId);
        var user = await SendAsync(request, context, Json.PartnerCenterUser, cancellationToken).ConfigureAwait(false);
        return ToUser(user);
    }

    public async Task<IReadOnlyList<DirectoryRole>> GetUserRolesAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        var request = new HttpRequestMessage(HttpMethod.Get, UserPath(customerId, userId) + "/directoryroles");
        var context = NewContext("GetUserRoles", RolesTemplate, correlationId);
        var roles = await SendAsync(request, context, Json.PartnerCenterCollectionPartnerCenterDirectoryRole, cancellationToken)
            .ConfigureAwait(false);

        return (roles.Items ?? [])
            .Where(role => !string.IsNullOrEmpty(role.Name))
            .Select(role => new DirectoryRole(role.Id ?? "", role.Name!))
            .ToList();
    }

    public async Task<ResetTargetCheck> CheckResetTargetAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        var user = GetUserAsync(customerId, userId, correlationId, cancellationToken);
        var roles = GetUserRolesAsync(customerId, userId, correlationId, cancellationToken);
        await Task.WhenAll(user, roles).ConfigureAwait(false);
        return new ResetTargetCheck(await user.ConfigureAwait(false), await roles.ConfigureAwait(false));
    }

    public async Task<PasswordResetReceipt> ResetPasswordAsync(
        PasswordResetRequest request, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CustomerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserId);
        ArgumentException.ThrowIfNullOrEmpty(request.Password);
        if (request.RequestId == Guid.Empty)
        {
            throw new ArgumentException("The reset needs a request id; keep one per reset request.", nameof(request));
        }

        var body = new PasswordResetBody(
            new PasswordProfileBody(request.Password, request.ForceChangePassword),
            new ObjectAttributes("CustomerUser"));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json.PasswordResetBody);
        var context = new PartnerCenterRequestContext(
            PartnerCenterFailures.ResetOperation, UserTemplate, correlationId, request.RequestId);

        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Patch, UserPath(request.CustomerId, request.UserId));
            message.Content = new ByteArrayContent(bytes);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

            // The 200 response contains the whole user with the new password in clear text, so it is never read.
            await SendAsync(message, context, static (_, _) => Task.FromResult(true), request.Password, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(bytes);
        }

        Log.PasswordResetAccepted(logger, request.CustomerId, request.UserId, correlationId, request.RequestId);
        return new PasswordResetReceipt(request.CustomerId, request.UserId, request.RequestId);
    }

    private async Task<IReadOnlyList<DirectoryUser>> FindInIndexAsync(
        string customerId, UserIndex index, string prefix, int maxResults, Guid correlationId, CancellationToken cancellationToken)
    {
        var matches = index.Users.Where(user => Matches(user, prefix)).Take(maxResults).ToList();
        var pagesRead = 0;
        var keepPages = true;
        var nextPage = index.NextPage;
        var maxIndexedUsers = options.Value.UserIndexMaxUsersPerCustomer;

        var morePages = !index.IsComplete;

        while (matches.Count < maxResults && morePages)
        {
            var page = await GetUserPageAsync(customerId, nextPage, correlationId, cancellationToken).ConfigureAwait(false);
            pagesRead++;

            foreach (var user in page.Users)
            {
                if (matches.Count < maxResults && Matches(user, prefix))
                {
                    matches.Add(user);
                }
            }

            // Only whole pages join the index, so that it stays a gap-free prefix of the directory.
            if (keepPages && index.Users.Count + page.Users.Count <= maxIndexedUsers)
            {
                index.Users.AddRange(page.Users);
                index.NextPage = page.Next;
                index.FirstPageRead = true;
            }
            else if (keepPages)
            {
                keepPages = false;
                Log.UserIndexFull(logger, customerId, maxIndexedUsers);
            }

            nextPage = page.Next;
            morePages = nextPage is not null;
        }

        Log.UserSearchCompleted(
            logger, customerId, matches.Count, maxResults, pagesRead, index.Users.Count, index.IsComplete, correlationId);
        return matches;
    }

    private async Task<UserPage> GetUserPageAsync(
        string customerId, ContinuationState? page, Guid correlationId, CancellationToken cancellationToken)
    {
        var request = page is null
            ? new HttpRequestMessage(
                HttpMethod.Get, $"v1/customers/{Uri.EscapeDataString(customerId)}/users?size={options.Value.UserPageSize}")
            : CreateNextPageRequest(page);
        var context = NewContext("ListUsers", UsersTemplate, correlationId);
        var collection = await SendAsync(request, context, Json.PartnerCenterCollectionPartnerCenterUser, cancellationToken)
            .ConfigureAwait(false);

        var users = (collection.Items ?? []).Select(ToUser).ToList();
        return new UserPage(users, NextPage(collection));
    }

    private Task<T> SendAsync<T>(
        HttpRequestMessage request, PartnerCenterRequestContext context, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        return SendAsync(
            request,
            context,
            async (response, token) =>
                await response.Content.ReadFromJsonAsync(typeInfo, token).ConfigureAwait(false)
                ?? throw new JsonException("Partner Center returned an empty response body."),
            password: null,
            cancellationToken);
    }

    private async Task<T> SendAsync<T>(
        HttpRequestMessage request,
        PartnerCenterRequestContext context,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess,
        string? password,
        CancellationToken cancellationToken)
    {
        request.Options.Set(PartnerCenterRequestContext.Key, context);
        var started = Stopwatch.GetTimestamp();

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Fail(PartnerCenterFailures.TimedOut(context), started, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(PartnerCenterFailures.TimedOut(context), started, exception);
        }
        catch (HttpRequestException exception)
        {
            throw Fail(PartnerCenterFailures.Unreachable(context), started, exception);
        }
        catch (TokenAcquisitionException exception)
        {
            throw Fail(PartnerCenterFailures.SignInFailed(context), started, exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                if (error?.Description is { } description && password is null)
                {
                    Log.ErrorDescription(logger, context.Operation, description, context.CorrelationId);
                }

                var failure = PartnerCenterFailures.FromResponse(
                    context, response.StatusCode, error?.Code?.Value, error?.Description ?? error?.Message, password);
                throw Fail(failure, started, exception: null);
            }

            T value;
            try
            {
                value = await readSuccess(response, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw Fail(PartnerCenterFailures.InvalidAnswer(context, response.StatusCode), started, exception);
            }

            Log.OperationSucceeded(
                logger, context.Operation, context.PathTemplate, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.CorrelationId, context.RequestId);
            return value;
        }
    }

    private DirectoryRequestException Fail(DirectoryFailure failure, long started, Exception? exception)
    {
        Log.OperationFailed(
            logger, failure.Operation, PathTemplateOf(failure.Operation), failure.Kind, (int?)failure.StatusCode,
            failure.ErrorCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, failure.CorrelationId,
            failure.RequestId ?? Guid.Empty, exception);
        return new DirectoryRequestException(failure, exception);
    }

    private static async Task<PartnerCenterError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(Json.PartnerCenterError, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            // An error without a readable JSON body (for example an HTML page from a proxy) is still classified by status.
            return null;
        }
    }

    private static string PathTemplateOf(string operation) => operation switch
    {
        "SearchCustomers" => CustomersTemplate,
        "GetCustomer" => CustomerTemplate,
        "ListUsers" => UsersTemplate,
        "GetUserRoles" => RolesTemplate,
        _ => UserTemplate,
    };

    private static PartnerCenterRequestContext NewContext(string operation, string pathTemplate, Guid correlationId) =>
        new(operation, pathTemplate, correlationId, Guid.NewGuid());

    private static string UserPath(string customerId, string userId) =>
        $"v1/customers/{Uri.EscapeDataString(customerId)}/users/{Uri.EscapeDataString(userId)}";

    private static bool Matches(DirectoryUser user, string prefix) =>
        user.DisplayName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ||
        user.UserPrincipalName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static CustomerSummary ToCustomer(PartnerCenterCustomer customer) => new(
        customer.Id ?? customer.CompanyProfile?.TenantId ?? "",
        customer.CompanyProfile?.CompanyName ?? "",
        customer.CompanyProfile?.Domain ?? "",
        customer.RelationshipToPartner);

    private static DirectoryUser ToUser(PartnerCenterUser user) => new()
    {
        Id = user.Id ?? "",
        UserPrincipalName = user.UserPrincipalName ?? "",
        DisplayName = user.DisplayName ?? user.UserPrincipalName ?? "",
        FirstName = user.FirstName,
        LastName = user.LastName,
        UsageLocation = user.UsageLocation,
        State = string.Equals(user.State, "inactive", StringComparison.OrdinalIgnoreCase)
            ? DirectoryUserState.Inactive
            : DirectoryUserState.Active,
        LastDirectorySyncTime = user.LastDirectorySyncTime,
    };

    private static ContinuationState? NextPage<T>(PartnerCenterCollection<T> collection)
    {
        var next = collection.Links?.Next;
        if (string.IsNullOrEmpty(next?.Uri))
        {
            return null;
        }

        var token = next.Headers?.FirstOrDefault(
            header => string.Equals(header.Key, ContinuationHeader, StringComparison.OrdinalIgnoreCase))?.Value;
        return new ContinuationState(next.Uri, token);
    }

    private static HttpRequestMessage CreateNextPageRequest(ContinuationState page)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ToRelativeApiPath(page.NextUri));
        if (page.ContinuationToken is { } token)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, token);
        }

        return request;
    }

    // Next links are paths relative to the API root, resolved against BaseAddress so that a path prefix (such as
    // a sandbox mounted under /sandbox/partnercenter) is kept. NOTE: whether Partner Center's next links start
    // with /v1 is unverified, so both forms are accepted.
    private static string ToRelativeApiPath(string nextUri)
    {
        if (Uri.TryCreate(nextUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            throw new InvalidOperationException("Partner Center sent an absolute next-page link; only paths are followed.");
        }

        var path = nextUri.TrimStart('/');
        if (path.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Partner Center sent a next-page link that leaves the API root.");
        }

        return path.StartsWith("v1/", StringComparison.OrdinalIgnoreCase) ? path : "v1/" + path;
    }

    private static string EncodeContinuation(ContinuationState state) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(state, Json.ContinuationState));

    private static ContinuationState DecodeContinuation(string token)
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), Json.ContinuationState)
                ?? throw new ArgumentException("The continuation token is empty.", nameof(token));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new ArgumentException(
                "The continuation token is not one that this client returned. Start the search again without it.",
                nameof(token),
                exception);
        }
    }

    private sealed record UserPage(IReadOnlyList<DirectoryUser> Users, ContinuationState? Next);
}
