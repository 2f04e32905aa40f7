using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using PartnerBot.Storage;

namespace PartnerBot.Audit;

/// <summary>
/// GET /api/audit/export: the audit trail as CSV or JSON for auditors. Callers need a Microsoft Entra ID
/// access token for this app (the "AzureAd" section) that carries the app role <see cref="AuditorRole"/>.
/// Without AzureAd:ClientId the endpoint is not mapped at all.
/// </summary>
public static class AuditExportExtensions
{
    public const string AuditorRole = "PartnerBot.Auditor";
    public const string AuditorPolicy = "Auditors";
    public const int MaxRows = 100_000;

    private const string AzureAdSection = "AzureAd";

    /// <summary>
    /// Registers the bearer scheme and the auditor policy. There is no default scheme, so only endpoints
    /// that use the policy authenticate; /api/messages keeps Bot Framework's own token validation.
    /// The "AzureAd" section is read when the scheme is first used.
    /// </summary>
    public static IServiceCollection AddAuditExport(this IServiceCollection services, IConfiguration configuration)
    {
        // ASP.NET Core makes a lone scheme the default for every request. That would run Entra ID validation
        // on the Bot Connector's tokens at /api/messages, so the automatic default is switched off.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);

        services.AddAuthentication()
            .AddMicrosoftIdentityWebApi(configuration.GetSection(AzureAdSection));
        services.AddAuthorizationBuilder().AddPolicy(AuditorPolicy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireRole(AuditorRole));
        return services;
    }

    public static WebApplication MapAuditExport(this WebApplication app)
    {
        if (!IsConfigured(app.Configuration))
        {
            Log.AuditExportOff(app.Logger);
            return app;
        }

        app.MapGet("/api/audit/export", ExportAsync).RequireAuthorization(AuditorPolicy);
        return app;
    }

    private static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AzureAdSection}:ClientId"]);

    private static async Task<IResult> ExportAsync(
        AuditTrail trail,
        TimeProvider timeProvider,
        string? format,
        DateTimeOffset? from,
        DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var end = to ?? timeProvider.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (start >= end)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "from must be earlier than to. Use ISO 8601 times, for example from=2026-11-01T00:00:00Z.");
        }

        var events = await trail.ListRangeAsync(start, end, MaxRows, cancellationToken);
        return (format ?? "csv").ToLowerInvariant() switch
        {
            "json" => Results.Json(events),
            "csv" => Results.Text(ToCsv(events), "text/csv; charset=utf-8", Encoding.UTF8),
            _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"format '{format}' is not supported. Use csv or json."),
        };
    }

    private static string ToCsv(IReadOnlyList<AuditEvent> events)
    {
        var csv = new StringBuilder("sequence,occurred_at,request_id,correlation_id,action,actor_object_id,customer_id,user_id,outcome,details\r\n");
        foreach (var auditEvent in events)
        {
            string?[] fields =
            [
                auditEvent.Sequence.ToString(CultureInfo.InvariantCulture),
                auditEvent.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                auditEvent.RequestId.ToString(),
                auditEvent.CorrelationId.ToString(),
                auditEvent.Action,
                auditEvent.ActorObjectId.ToString(),
                auditEvent.CustomerId,
                auditEvent.UserId,
                auditEvent.Outcome,
                auditEvent.Details,
            ];
            csv.AppendJoin(',', fields.Select(EscapeCsv)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// Quotes a CSV field. A leading =, +, - or @ gets an apostrophe first, so that a spreadsheet opening the
    /// export does not run a reason typed by a requester as a formula.
    /// </summary>
    private static string EscapeCsv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
