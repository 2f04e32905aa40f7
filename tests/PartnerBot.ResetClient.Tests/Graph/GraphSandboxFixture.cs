using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.ResetClient.Graph;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Data;
using PartnerBot.Sandbox.Graph;

namespace PartnerBot.ResetClient.Tests.Graph;

/// <summary>
/// One sandbox on Kestrel at 127.0.0.1 with a free port, serving Graph under <see cref="GraphSandboxExtensions.DefaultPrefix"/>,
/// shared by every test class in the <see cref="GraphSandboxCollection"/>.
/// </summary>
public sealed class GraphSandboxFixture : IAsyncLifetime
{
    public static readonly Guid RequestersGroup = Guid.Parse("0d5e8f61-7a2b-4c39-9e14-3b6a2f8c1d01");
    public static readonly Guid ApproversGroup = Guid.Parse("0d5e8f61-7a2b-4c39-9e14-3b6a2f8c1d02");
    public static readonly Guid PrivilegedApproversGroup = Guid.Parse("0d5e8f61-7a2b-4c39-9e14-3b6a2f8c1d03");
    public static readonly Guid SeededApprover = Guid.Parse("8c2f4a90-1b3d-4e5f-a6b7-c8d9e0f1a2b3");

    private static int s_nextUser = 1_000;

    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public GraphSandbox Sandbox { get; private set; } = null!;

    public SandboxCustomer Megacorp => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.ContosoMegacorpId))!;

    public SandboxCustomer Muller => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.MullerLogistikId))!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"GraphSandbox:Groups:{ApproversGroup}:0"] = SeededApprover.ToString(),
        }).Build();
        builder.Services.AddPartnerCenterSandbox(new ConfigurationBuilder().Build());
        builder.Services.AddGraphSandbox(configuration.GetSection(GraphSandboxOptions.SectionName));

        _app = builder.Build();
        _app.MapGraphSandbox();
        await _app.StartAsync();

        Address = new Uri(_app.Urls.First());
        Sandbox = _app.Services.GetRequiredService<GraphSandbox>();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Builds the Graph backend the way a host does, in sandbox authentication mode with short test delays;
    /// <paramref name="settings"/> overrides keys under <c>Graph</c>.
    /// </summary>
    public GraphClientHandle CreateClient(
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Graph:BaseAddress"] = new Uri(Address, GraphSandboxExtensions.DefaultPrefix + "/").ToString(),
            ["Graph:Authentication:Mode"] = "Sandbox",
            ["Graph:AttemptTimeout"] = "00:00:05",
            ["Graph:TotalTimeout"] = "00:00:20",
            ["Graph:MaxRetryAttempts"] = "3",
            ["Graph:RetryBaseDelay"] = "00:00:00.020",
            ["Graph:MaxRetryDelay"] = "00:00:00.200",
            ["Graph:MaxRetryAfter"] = "00:00:01",
            ["Graph:StaffGroups:RequestersGroupId"] = RequestersGroup.ToString(),
            ["Graph:StaffGroups:ApproversGroupId"] = ApproversGroup.ToString(),
            ["Graph:StaffGroups:PrivilegedApproversGroupId"] = PrivilegedApproversGroup.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[$"Graph:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddGraphResetClient(configuration.GetSection(GraphOptions.SectionName));
        services.UseGraphAsCustomerDirectory();
        var provider = services.BuildServiceProvider();
        return new GraphClientHandle(provider);
    }

    /// <summary>Requests whose <c>client-request-id</c> header is the correlation id.</summary>
    public IReadOnlyList<RecordedRequest> RequestsFor(Guid correlationId) =>
        Sandbox.PartnerCenter.Recorder.Snapshot()
            .Where(request => request.Header("client-request-id") == correlationId.ToString())
            .ToList();

    /// <summary>A Megacorp user that no other test touches: cloud-only, enabled and without roles.</summary>
    public (Guid CustomerId, Guid UserId) NextPlainUser()
    {
        while (true)
        {
            var user = Sandbox.Directory.GetUser(Megacorp, Interlocked.Increment(ref s_nextUser));
            if (user.LastDirectorySyncTime is null && !user.IsInactive && user.Roles.Count == 0)
            {
                return (Megacorp.Id, user.Id);
            }
        }
    }

    /// <summary>The first user of a customer for which <paramref name="predicate"/> holds.</summary>
    public SandboxUser FirstUser(SandboxCustomer customer, Func<SandboxUser, bool> predicate) =>
        Enumerable.Range(0, customer.UserCount).Select(index => Sandbox.Directory.GetUser(customer, index)).First(predicate);
}

public sealed class GraphClientHandle(ServiceProvider provider) : IDisposable
{
    public ICustomerDirectory Directory { get; } = provider.GetRequiredService<ICustomerDirectory>();

    public IStaffDirectory Staff { get; } = provider.GetRequiredService<IStaffDirectory>();

    public IServiceProvider Services => provider;

    public void Dispose() => provider.Dispose();
}

[CollectionDefinition(Name)]
public sealed class GraphSandboxCollection : ICollectionFixture<GraphSandboxFixture>
{
    public const string Name = "GraphSandbox";
}
