using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.Sandbox;
using PartnerBot.Sandbox.Data;

namespace PartnerBot.ResetClient.Tests;

/// <summary>
/// One sandbox on Kestrel at 127.0.0.1 with a free port, mounted both at the root and under
/// <see cref="MountPrefix"/>, shared by every test class in the <see cref="SandboxCollection"/>.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string MountPrefix = "/sandbox/partnercenter";

    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;

    public PartnerCenterSandbox Sandbox { get; private set; } = null!;

    public SandboxCustomer Megacorp => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.ContosoMegacorpId))!;

    public SandboxCustomer Muller => Sandbox.Directory.FindCustomer(Guid.Parse(WellKnownCustomers.MullerLogistikId))!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPartnerCenterSandbox(new ConfigurationBuilder().Build());

        _app = builder.Build();
        _app.MapPartnerCenterSandbox();
        _app.MapPartnerCenterSandbox(MountPrefix);
        await _app.StartAsync();

        Address = new Uri(_app.Urls.First());
        Sandbox = _app.Services.GetRequiredService<PartnerCenterSandbox>();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Builds the reset client the way a host does, in sandbox authentication mode with short test delays;
    /// <paramref name="settings"/> overrides keys under <c>PartnerCenter</c>.
    /// </summary>
    public ClientHandle CreateClient(
        IReadOnlyDictionary<string, string?>? settings = null,
        ILoggerProvider? logs = null,
        TimeProvider? timeProvider = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["PartnerCenter:BaseAddress"] = Address.ToString(),
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["PartnerCenter:AttemptTimeout"] = "00:00:05",
            ["PartnerCenter:TotalTimeout"] = "00:00:20",
            ["PartnerCenter:MaxRetryAttempts"] = "3",
            ["PartnerCenter:RetryBaseDelay"] = "00:00:00.020",
            ["PartnerCenter:MaxRetryDelay"] = "00:00:00.200",
            ["PartnerCenter:MaxRetryAfter"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[$"PartnerCenter:{key}"] = value;
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

        services.AddPartnerCenterResetClient(configuration.GetSection("PartnerCenter"));
        var provider = services.BuildServiceProvider();
        return new ClientHandle(provider, provider.GetRequiredService<ICustomerDirectory>());
    }

    public IReadOnlyList<RecordedRequest> RequestsFor(Guid correlationId) => Sandbox.Recorder.Snapshot(correlationId);
}

public sealed class ClientHandle(ServiceProvider provider, ICustomerDirectory directory) : IDisposable
{
    public ICustomerDirectory Directory { get; } = directory;

    public void Dispose() => provider.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "Sandbox";
}
