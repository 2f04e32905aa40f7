using PartnerBot.Audit;
using PartnerBot.Bot;
using PartnerBot.Configuration;
using PartnerBot.Commands;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using PartnerBot.Hosting;
using PartnerBot.Storage;

var builder = WebApplication.CreateBuilder(args);

// Settings come from appsettings.json at the top of the repository, copied beside the binaries.
builder.Configuration.AddPartnerBotSettingsFiles(builder.Environment);

// Typed options, validated at start-up so a bad key stops the host with the key named.
builder.Services.AddPartnerBotOptions(builder.Configuration, builder.Environment);

// Bot Framework edge: authentication, CloudAdapter, tenant guard and the Teams activity handler.
builder.Services.AddPartnerBotAdapter();

// The customer directory: Partner Center, or in Development the sandbox mounted below.
builder.Services.AddCustomerDirectory(builder.Configuration, builder.Environment);

// Requests, approvals and the audit trail in SQLite or PostgreSQL, migrated at start-up before the
// reset worker's first pass, because hosted services start in the order they are added.
builder.Services.AddPartnerBotStorage(builder.Configuration);

// Conversation logic on our own types.
builder.Services.AddPartnerBotCommands();

// The audit trail export for auditors, behind Microsoft Entra ID bearer tokens.
builder.Services.AddAuditExport(builder.Configuration);

// Liveness and readiness probes.
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapAuditExport();
app.MapBotMessages();
app.MapSandboxInDevelopment();
app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(StorageServiceCollectionExtensions.ReadinessTag) });

// "PartnerBot migrate" applies database migrations and exits, for deployments that migrate before rollout.
return args.Contains("migrate") ? await app.MigrateAndExitAsync() : await app.RunUntilStoppedAsync();

/// <summary>Entry point, public so that integration tests can start the host with WebApplicationFactory.</summary>
public partial class Program;
