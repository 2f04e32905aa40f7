using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using PartnerBot.ResetClient.Authentication;
using Polly.Timeout;
using GraphUser = Microsoft.Graph.Models.User;

namespace PartnerBot.ResetClient.Graph;

/// <summary>
/// <see cref="ICustomerDirectory"/> over Microsoft Graph under GDAP: customers from the partner's delegated admin
/// customers, and users, roles and resets in each customer's own tenant. The customer id is the customer's tenant id.
/// </summary>
/// <remarks>
/// The bearer token for the right tenant, the <c>client-request-id</c> header, retries and attempt logging come from
/// the handlers that <see cref="GraphServiceCollectionExtensions.AddGraphResetClient"/> puts on the HTTP client.
/// </remarks>
public sealed class GraphCustomerDirectory : ICustomerDirectory
{
    private const string CustomersTemplate = "/v1.0/tenantRelationships/delegatedAdminCustomers";
    private const string CustomerTemplate = "/v1.0/tenantRelationships/delegatedAdminCustomers/{customerId}";
    private const string TenantInformationTemplate = "/v1.0/tenantRelationships/findTenantInformationByTenantId(tenantId='{customerId}')";
    private const string UsersTemplate = "/v1.0/users";
    private const string UserTemplate = "/v1.0/users/{userId}";
    private const string RolesTemplate = "/v1.0/users/{userId}/memberOf/graph.directoryRole";
    private const int MaxCustomerPageSize = 300;
    private const int MaxUserSearchResults = 500;

    private static readonly string[] UserFields =
    [
        "id", "userPrincipalName", "displayName", "givenName", "surname", "usageLocation", "accountEnabled",
        "onPremisesSyncEnabled", "onPremisesLastSyncDateTime",
    ];

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new()
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    private readonly GraphServiceClient _graph;
    private readonly Uri _versionRoot;
    private readonly GraphResetLedger _ledger;
    private readonly GraphOptions _options;
    private readonly ILogger<GraphCustomerDirectory> _logger;

    public GraphCustomerDirectory(
        IHttpClientFactory httpClientFactory,
        GraphResetLedger ledger,
        IOptions<GraphOptions> options,
        ILogger<GraphCustomerDirectory> logger)
    {
        _options = options.Value;
        _versionRoot = GraphClients.VersionRoot(_options);
        _graph = GraphClients.Create(httpClientFactory, _versionRoot);
        _ledger = ledger;
        _logger = logger;
    }

    private string PartnerTenantId => _options.Authentication.PartnerTenantId;

    /// <summary>
    /// Searches delegated admin customers whose display name starts with the prefix, in display name order.
    /// Microsoft Graph has no customer domain to search by, so a <see cref="CustomerSearchField.Domain"/> search
    /// fails with <see cref="DirectoryFailureKind.InvalidInput"/>. The page size is at most 300.
    /// </summary>
    public async Task<CustomerPage> SearchCustomersAsync(CustomerSearch search, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentException.ThrowIfNullOrWhiteSpace(search.Prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.PageSize, MaxCustomerPageSize);

        if (search.Field == CustomerSearchField.Domain)
        {
            throw new DirectoryRequestException(GraphFailures.DomainSearchUnsupported(correlationId));
        }

        var context = NewContext("SearchCustomers", CustomersTemplate, PartnerTenantId, correlationId);
        var customers = _graph.TenantRelationships.DelegatedAdminCustomers;
        var page = await SendAsync(context, GraphTarget.PartnerCustomers, null, () => search.ContinuationToken is { } token
            ? customers.WithUrl(DecodeNextLink(token)).GetAsync(config => config.Options.Add(context), cancellationToken)
            : customers.GetAsync(
                config =>
                {
                    config.QueryParameters.Filter = $"startswith(displayName,{ODataString(search.Prefix.Trim())})";
                    config.QueryParameters.Top = search.PageSize;
                    config.QueryParameters.Orderby = ["displayName"];
                    config.Options.Add(context);
                },
                cancellationToken)).ConfigureAwait(false);

        var items = (page?.Value ?? []).Select(customer => ToCustomer(customer, domain: "")).ToList();
        var next = page?.OdataNextLink is { Length: > 0 } link ? EncodeNextLink(link) : null;
        return new CustomerPage(items, next);
    }

    /// <summary>
    /// Reads one delegated admin customer and, where the partner may read it, the customer tenant's default domain.
    /// </summary>
    public async Task<CustomerSummary> GetCustomerAsync(string customerId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);

        var context = NewContext("GetCustomer", CustomerTemplate, PartnerTenantId, correlationId);
        var customer = await SendAsync(context, GraphTarget.PartnerCustomers, null, () =>
            _graph.TenantRelationships.DelegatedAdminCustomers[customerId]
                .GetAsync(config => config.Options.Add(context), cancellationToken)).ConfigureAwait(false);
        if (customer is null)
        {
            throw new DirectoryRequestException(GraphFailures.InvalidAnswer(context, HttpStatusCode.OK));
        }

        var domain = await FindDefaultDomainAsync(customerId, correlationId, cancellationToken).ConfigureAwait(false);
        return ToCustomer(customer, domain);
    }

    /// <summary>
    /// Searches the customer's users server-side by display name or user principal name prefix. Graph's
    /// <c>startswith</c> ignores case; the results come in Graph's order.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(
        string customerId, string prefix, int maxResults, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResults, MaxUserSearchResults);

        var literal = ODataString(prefix.Trim());
        var context = NewContext("FindUsers", UsersTemplate, customerId, correlationId);
        var page = await SendAsync(context, GraphTarget.CustomerUsers, null, () => _graph.Users.GetAsync(
            config =>
            {
                config.QueryParameters.Filter = $"startswith(displayName,{literal}) or startswith(userPrincipalName,{literal})";
                config.QueryParameters.Top = maxResults;
                config.QueryParameters.Select = UserFields;
                config.Options.Add(context);
            },
            cancellationToken)).ConfigureAwait(false);

        var users = (page?.Value ?? []).Take(maxResults).Select(ToUser).ToList();
        Log.GraphUserSearchCompleted(_logger, customerId, users.Count, maxResults, correlationId);
        return users;
    }

    public async Task<DirectoryUser> GetUserAsync(string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        var user = await ReadUserAsync("GetUser", customerId, userId, UserFields, correlationId, cancellationToken).ConfigureAwait(false);
        return ToUser(user);
    }

    /// <summary>Reads the directory roles assigned to the user directly, following Graph's next links.</summary>
    public async Task<IReadOnlyList<DirectoryRole>> GetUserRolesAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        var roles = new List<DirectoryRole>();
        var builder = _graph.Users[userId].MemberOf.GraphDirectoryRole;
        string? nextLink = null;
        do
        {
            var context = NewContext("GetUserRoles", RolesTemplate, customerId, correlationId);
            var link = nextLink;
            var page = await SendAsync(context, GraphTarget.CustomerUsers, null, () => link is null
                ? builder.GetAsync(config => config.Options.Add(context), cancellationToken)
                : builder.WithUrl(CheckedNextLink(link)).GetAsync(config => config.Options.Add(context), cancellationToken))
                .ConfigureAwait(false);

            roles.AddRange((page?.Value ?? [])
                .Where(role => !string.IsNullOrEmpty(role.DisplayName))
                .Select(role => new DirectoryRole(role.RoleTemplateId ?? role.Id ?? "", role.DisplayName!)));
            nextLink = page?.OdataNextLink;
        }
        while (!string.IsNullOrEmpty(nextLink));

        return roles;
    }

    /// <summary>
    /// Reads the user and the user's roles. A user with any directory role counts as privileged; a disabled account
    /// and a user synchronised from on-premises get a <see cref="ResetTargetCheck.RefusalReason"/>, because Graph
    /// cannot usefully reset them.
    /// </summary>
    public async Task<ResetTargetCheck> CheckResetTargetAsync(
        string customerId, string userId, Guid correlationId, CancellationToken cancellationToken)
    {
        var user = GetUserAsync(customerId, userId, correlationId, cancellationToken);
        var roles = GetUserRolesAsync(customerId, userId, correlationId, cancellationToken);
        await Task.WhenAll(user, roles).ConfigureAwait(false);

        var target = await user.ConfigureAwait(false);
        return new ResetTargetCheck(target, await roles.ConfigureAwait(false)) { RefusalReason = RefusalReasonFor(target) };
    }

    /// <summary>
    /// Sets a new password with <c>PATCH /users/{id}</c>. Graph has no idempotency key, so the request id is kept
    /// here instead: a request id that already succeeded is not sent again, and after a failure that leaves the
    /// outcome unknown the user's <c>lastPasswordChangeDateTime</c> decides whether the reset was applied before the
    /// PATCH is resent.
    /// </summary>
    /// <remarks>
    /// NOTE: the request ids live in this process's memory only (up to <see cref="GraphOptions.MaxRememberedResets"/>),
    /// so after a restart a resent request id is checked against the last password change time again but not against
    /// the earlier success. A password change by someone else between the PATCH and the check would also count as
    /// this reset, and Graph reports the change time in whole seconds.
    /// </remarks>
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

        var receipt = new PasswordResetReceipt(request.CustomerId, request.UserId, request.RequestId);
        var earlier = _ledger.Find(request.RequestId);
        if (earlier is not null && (earlier.CustomerId != request.CustomerId || earlier.UserId != request.UserId))
        {
            throw new ArgumentException("The request id already belongs to a reset of another user.", nameof(request));
        }

        if (earlier is { Completed: true })
        {
            Log.GraphResetAlreadyApplied(_logger, request.CustomerId, request.UserId, correlationId, request.RequestId);
            return receipt;
        }

        var changedBefore = earlier is null
            ? await ReadPasswordChangeTimeAsync(request, correlationId, cancellationToken).ConfigureAwait(false)
            : earlier.PasswordChangedBefore;
        if (earlier is not null && await WasAppliedAsync(request, changedBefore, correlationId, cancellationToken).ConfigureAwait(false))
        {
            return Complete(request, correlationId, receipt, verified: true);
        }

        _ledger.Remember(new GraphResetEntry(request.RequestId, request.CustomerId, request.UserId, changedBefore, Completed: false));

        for (var resend = 0; ; resend++)
        {
            try
            {
                await SendResetAsync(request, correlationId, cancellationToken).ConfigureAwait(false);
                return Complete(request, correlationId, receipt, verified: false);
            }
            catch (DirectoryRequestException exception) when (GraphFailures.LeavesOutcomeUnknown(exception.Failure))
            {
                bool applied;
                try
                {
                    applied = await WasAppliedAsync(request, changedBefore, correlationId, cancellationToken).ConfigureAwait(false);
                }
                catch (DirectoryRequestException)
                {
                    // The check failed too, so the outcome stays unknown and the reset's own failure is raised.
                    throw exception;
                }

                if (applied)
                {
                    return Complete(request, correlationId, receipt, verified: true);
                }

                if (resend >= _options.MaxResetResends)
                {
                    throw;
                }

                Log.GraphResetResent(_logger, request.CustomerId, request.UserId, resend + 1, correlationId, request.RequestId);
            }
        }
    }

    private PasswordResetReceipt Complete(PasswordResetRequest request, Guid correlationId, PasswordResetReceipt receipt, bool verified)
    {
        _ledger.MarkCompleted(request.RequestId);
        if (verified)
        {
            Log.GraphResetConfirmedByChangeTime(_logger, request.CustomerId, request.UserId, correlationId, request.RequestId);
        }

        Log.GraphPasswordResetAccepted(_logger, request.CustomerId, request.UserId, correlationId, request.RequestId);
        return receipt;
    }

    private async Task SendResetAsync(PasswordResetRequest request, Guid correlationId, CancellationToken cancellationToken)
    {
        var context = new GraphRequestContext(
            GraphFailures.ResetOperation, UserTemplate, request.CustomerId, correlationId, request.RequestId);

        // The body is written by hand so that it carries exactly passwordProfile and nothing the SDK adds, such as
        // @odata.type, and so that its bytes can be cleared afterwards.
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new GraphPasswordResetBody(new GraphPasswordProfileBody(request.Password, request.ForceChangePassword)),
            GraphJsonContext.Default.GraphPasswordResetBody);
        try
        {
            var information = _graph.Users[request.UserId].ToPatchRequestInformation(new GraphUser());
            information.SetStreamContent(new MemoryStream(body, writable: false), "application/json");
            information.AddRequestOptions([context]);

            await SendAsync(context, GraphTarget.ResetOfUnknownUser, request.Password, async () =>
            {
                await _graph.RequestAdapter.SendNoContentAsync(information, ErrorMapping, cancellationToken).ConfigureAwait(false);
                return true;
            }, (failure, status, code) => DeniedResetFailureAsync(request, context, failure, status, code, cancellationToken))
                .ConfigureAwait(false);
        }
        finally
        {
            Array.Clear(body);
        }
    }

    // A denied reset names the role the partner is missing, which depends on whether the target has
    // administrator roles, so the roles are read only now that the denial has happened.
    private async Task<DirectoryFailure?> DeniedResetFailureAsync(
        PasswordResetRequest request, GraphRequestContext context, DirectoryFailure failure, HttpStatusCode status, string? code,
        CancellationToken cancellationToken)
    {
        if (failure.Kind != DirectoryFailureKind.AccessDenied)
        {
            return null;
        }

        GraphTarget target;
        try
        {
            var roles = await GetUserRolesAsync(request.CustomerId, request.UserId, context.CorrelationId, cancellationToken)
                .ConfigureAwait(false);
            target = roles.Count > 0 ? GraphTarget.ResetOfAdministrator : GraphTarget.ResetOfUser;
        }
        catch (DirectoryRequestException)
        {
            return null;
        }

        return GraphFailures.FromResponse(context, target, status, code, message: null, request.Password);
    }

    private async Task<bool> WasAppliedAsync(
        PasswordResetRequest request, DateTimeOffset? changedBefore, Guid correlationId, CancellationToken cancellationToken)
    {
        var changedNow = await ReadPasswordChangeTimeAsync(request, correlationId, cancellationToken).ConfigureAwait(false);
        return changedNow is { } now && (changedBefore is not { } before || now > before);
    }

    private async Task<DateTimeOffset?> ReadPasswordChangeTimeAsync(
        PasswordResetRequest request, Guid correlationId, CancellationToken cancellationToken)
    {
        var user = await ReadUserAsync(
            "ReadPasswordChangeTime", request.CustomerId, request.UserId, ["id", "lastPasswordChangeDateTime"], correlationId,
            cancellationToken).ConfigureAwait(false);
        return user.LastPasswordChangeDateTime;
    }

    private async Task<GraphUser> ReadUserAsync(
        string operation, string customerId, string userId, string[] fields, Guid correlationId, CancellationToken cancellationToken)
    {
        var context = NewContext(operation, UserTemplate, customerId, correlationId);
        var user = await SendAsync(context, GraphTarget.CustomerUsers, null, () => _graph.Users[userId].GetAsync(
            config =>
            {
                config.QueryParameters.Select = fields;
                config.Options.Add(context);
            },
            cancellationToken)).ConfigureAwait(false);
        return user ?? throw new DirectoryRequestException(GraphFailures.InvalidAnswer(context, HttpStatusCode.OK));
    }

    private async Task<string> FindDefaultDomainAsync(string customerId, Guid correlationId, CancellationToken cancellationToken)
    {
        var context = NewContext("GetCustomerDomain", TenantInformationTemplate, PartnerTenantId, correlationId);
        try
        {
            var information = await SendAsync(context, GraphTarget.PartnerCustomers, null, () =>
                _graph.TenantRelationships.FindTenantInformationByTenantIdWithTenantId(customerId)
                    .GetAsync(config => config.Options.Add(context), cancellationToken)).ConfigureAwait(false);
            return information?.DefaultDomainName ?? "";
        }
        catch (DirectoryRequestException exception)
            when (exception.Failure.Kind is DirectoryFailureKind.AccessDenied or DirectoryFailureKind.CustomerNotFound)
        {
            // The domain only labels the customer in cards, so a partner without the permission still gets the customer.
            return "";
        }
    }

    private Task<T> SendAsync<T>(GraphRequestContext context, GraphTarget target, string? password, Func<Task<T>> call) =>
        SendAsync(context, target, password, call, refineFailure: null);

    private async Task<T> SendAsync<T>(
        GraphRequestContext context,
        GraphTarget target,
        string? password,
        Func<Task<T>> call,
        Func<DirectoryFailure, HttpStatusCode, string?, Task<DirectoryFailure?>>? refineFailure)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var value = await call().ConfigureAwait(false);
            Log.GraphOperationSucceeded(
                _logger, context.Operation, context.PathTemplate, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.TenantId, context.CorrelationId);
            return value;
        }
        catch (ODataError exception)
        {
            var status = (HttpStatusCode)exception.ResponseStatusCode;
            var code = exception.Error?.Code;
            var message = exception.Error?.Message;
            if (message is not null && password is null)
            {
                Log.GraphErrorMessage(_logger, context.Operation, code, message, context.CorrelationId);
            }

            var failure = GraphFailures.FromResponse(context, target, status, code, message, password);
            if (refineFailure is not null && await refineFailure(failure, status, code).ConfigureAwait(false) is { } refined)
            {
                failure = refined;
            }

            throw Fail(context, failure, started, exception);
        }
        catch (ApiException exception)
        {
            // An error without a readable OData body, for example an HTML page from a proxy, is classified by status only.
            var status = (HttpStatusCode)exception.ResponseStatusCode;
            var failure = exception.ResponseStatusCode is >= 400
                ? GraphFailures.FromResponse(context, target, status, null, null, password)
                : GraphFailures.InvalidAnswer(context, status);
            throw Fail(context, failure, started, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Fail(context, GraphFailures.TimedOut(context), started, exception);
        }
        catch (HttpRequestException exception)
        {
            throw Fail(context, GraphFailures.Unreachable(context), started, exception);
        }
        catch (TokenAcquisitionException exception)
        {
            throw Fail(context, GraphFailures.SignInFailed(context), started, exception);
        }
        catch (JsonException exception)
        {
            throw Fail(context, GraphFailures.InvalidAnswer(context, null), started, exception);
        }
    }

    private DirectoryRequestException Fail(GraphRequestContext context, DirectoryFailure failure, long started, Exception exception)
    {
        Log.GraphOperationFailed(
            _logger, failure.Operation, context.PathTemplate, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TenantId, failure.CorrelationId, exception);
        return new DirectoryRequestException(failure, exception);
    }

    private static GraphRequestContext NewContext(string operation, string pathTemplate, string tenantId, Guid correlationId) =>
        new(operation, pathTemplate, tenantId, correlationId, Guid.NewGuid());

    /// <summary>Quotes an OData string literal, doubling each single quote as OData requires.</summary>
    internal static string ODataString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string? RefusalReasonFor(DirectoryUser user)
    {
        if (user.IsSyncedFromOnPremises)
        {
            return "This user is synchronised from an on-premises directory, so a password set through Microsoft Graph " +
                "would not reach it: reset it in the on-premises directory.";
        }

        return user.State == DirectoryUserState.Inactive
            ? "This account is disabled, so a new password would not let the user sign in: ask the customer's " +
                "administrator to enable the account first."
            : null;
    }

    private static CustomerSummary ToCustomer(DelegatedAdminCustomer customer, string domain) => new(
        customer.TenantId ?? customer.Id ?? "",
        customer.DisplayName ?? "",
        domain,
        "delegatedAdmin");

    private static DirectoryUser ToUser(GraphUser user) => new()
    {
        Id = user.Id ?? "",
        UserPrincipalName = user.UserPrincipalName ?? "",
        DisplayName = user.DisplayName ?? user.UserPrincipalName ?? "",
        FirstName = user.GivenName,
        LastName = user.Surname,
        UsageLocation = user.UsageLocation,
        State = user.AccountEnabled == false ? DirectoryUserState.Inactive : DirectoryUserState.Active,
        LastDirectorySyncTime = user.OnPremisesLastSyncDateTime,
        OnPremisesSyncEnabled = user.OnPremisesSyncEnabled == true,
    };

    // A continuation token is Graph's next link, base64url-encoded. It is checked on the way out and on the way in,
    // so that a token, even one made up by a caller, can never send the bot's bearer token to another host.
    private string EncodeNextLink(string nextLink) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CheckedNextLink(nextLink)));

    private string DecodeNextLink(string token)
    {
        string link;
        try
        {
            link = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException(
                "The continuation token is not one that this client returned. Start the search again without it.",
                nameof(token), exception);
        }

        return CheckedNextLink(link);
    }

    private string CheckedNextLink(string nextLink)
    {
        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var uri) ||
            !uri.AbsoluteUri.StartsWith(_versionRoot.AbsoluteUri, StringComparison.OrdinalIgnoreCase) ||
            uri.AbsolutePath.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The next-page link does not point below the configured Graph:BaseAddress, so it is not followed.",
                nameof(nextLink));
        }

        return uri.AbsoluteUri;
    }
}
