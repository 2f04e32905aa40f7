using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CheckMemberGroups;
using Microsoft.Kiota.Abstractions;
using PartnerBot.ResetClient.Authentication;
using Polly.Timeout;

namespace PartnerBot.ResetClient.Graph;

/// <summary>Answers whether a member of the partner's staff belongs to a Microsoft Entra group of the partner's tenant.</summary>
public interface IStaffDirectory
{
    /// <summary>
    /// Returns true when the user with <paramref name="objectId"/> is a member, directly or through nested groups,
    /// of the group <paramref name="groupId"/>. A user unknown to the partner's tenant is no member. Other failures
    /// throw <see cref="DirectoryRequestException"/>, so a caller that cannot check denies the action.
    /// </summary>
    Task<bool> IsMemberAsync(Guid objectId, Guid groupId, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IStaffDirectory"/> over Graph's <c>POST /users/{id}/checkMemberGroups</c> in the partner's tenant.
/// Each result is reused for <see cref="GraphStaffGroupOptions.MembershipCacheTimeToLive"/>, so a member removed from
/// a group keeps the group's rights in the bot for at most that long.
/// </summary>
/// <remarks>
/// One call checks the requested group together with every configured staff group (Graph allows 20 per call), so the
/// usual request, approve and privileged-approve checks for one person cost one request per cache period.
/// </remarks>
public sealed class GraphStaffGroups(
    IHttpClientFactory httpClientFactory,
    IOptions<GraphOptions> options,
    TimeProvider timeProvider,
    ILogger<GraphStaffGroups> logger) : IStaffDirectory
{
    private const string CheckTemplate = "/v1.0/users/{userId}/checkMemberGroups";
    private const string Operation = "CheckMemberGroups";

    private readonly ConcurrentDictionary<(Guid ObjectId, Guid GroupId), CachedAnswer> _answers = new();

    public async Task<bool> IsMemberAsync(Guid objectId, Guid groupId, CancellationToken cancellationToken)
    {
        if (objectId == Guid.Empty || groupId == Guid.Empty)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        if (_answers.TryGetValue((objectId, groupId), out var cached) && cached.ExpiresAt > now)
        {
            return cached.IsMember;
        }

        var groups = GroupsToCheck(groupId);
        var memberOf = await CheckMemberGroupsAsync(objectId, groups, cancellationToken).ConfigureAwait(false);

        var expiresAt = timeProvider.GetUtcNow() + options.Value.StaffGroups.MembershipCacheTimeToLive;
        foreach (var group in groups)
        {
            _answers[(objectId, group)] = new CachedAnswer(memberOf.Contains(group), expiresAt);
        }

        var isMember = memberOf.Contains(groupId);
        Log.GraphStaffMembershipChecked(logger, objectId, groupId, isMember, groups.Count);
        return isMember;
    }

    private List<Guid> GroupsToCheck(Guid groupId)
    {
        var staff = options.Value.StaffGroups;
        Guid?[] configured = [groupId, staff.RequestersGroupId, staff.ApproversGroupId, staff.PrivilegedApproversGroupId];
        return configured.OfType<Guid>().Where(group => group != Guid.Empty).Distinct().ToList();
    }

    private async Task<HashSet<Guid>> CheckMemberGroupsAsync(Guid objectId, List<Guid> groups, CancellationToken cancellationToken)
    {
        var correlationId = Guid.NewGuid();
        var context = new GraphRequestContext(
            Operation, CheckTemplate, options.Value.Authentication.PartnerTenantId, correlationId, Guid.NewGuid());
        var graph = GraphClients.Create(httpClientFactory, GraphClients.VersionRoot(options.Value));
        var body = new CheckMemberGroupsPostRequestBody { GroupIds = groups.Select(group => group.ToString()).ToList() };
        var started = Stopwatch.GetTimestamp();

        try
        {
            var response = await graph.Users[objectId.ToString()].CheckMemberGroups
                .PostAsCheckMemberGroupsPostResponseAsync(body, config => config.Options.Add(context), cancellationToken)
                .ConfigureAwait(false);
            return [.. (response?.Value ?? []).Select(value => Guid.TryParse(value, out var id) ? id : Guid.Empty)];
        }
        catch (ODataError exception) when (exception.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            Log.GraphStaffUserNotFound(logger, objectId, correlationId);
            return [];
        }
        catch (ApiException exception)
        {
            var code = (exception as ODataError)?.Error?.Code;
            throw Fail(context, GraphFailures.FromResponse(
                context, GraphTarget.StaffGroups, (HttpStatusCode)exception.ResponseStatusCode, code, null, null), started, exception);
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
    }

    private DirectoryRequestException Fail(GraphRequestContext context, DirectoryFailure failure, long started, Exception exception)
    {
        Log.GraphOperationFailed(
            logger, failure.Operation, context.PathTemplate, failure.Kind, (int?)failure.StatusCode, failure.ErrorCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TenantId, failure.CorrelationId, exception);
        return new DirectoryRequestException(failure, exception);
    }

    private sealed record CachedAnswer(bool IsMember, DateTimeOffset ExpiresAt);
}
