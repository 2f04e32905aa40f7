using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerBot.ResetClient;
using PartnerBot.Sandbox;

namespace PartnerBot.Benchmarks;

/// <summary>The sandbox on 127.0.0.1 with a free port, and a reset client pointed at it in sandbox mode.</summary>
internal sealed class LoopbackSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clientServices;

    private LoopbackSandbox(WebApplication app, ServiceProvider clientServices)
    {
        _app = app;
        _clientServices = clientServices;
    }

    public PartnerCenterSandbox Sandbox => _app.Services.GetRequiredService<PartnerCenterSandbox>();

    public ICustomerDirectory Directory => _clientServices.GetRequiredService<ICustomerDirectory>();

    public static async Task<LoopbackSandbox> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPartnerCenterSandbox(new ConfigurationBuilder().Build());
        var app = builder.Build();
        app.MapPartnerCenterSandbox();
        await app.StartAsync(cancellationToken);

        var clientConfiguration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["PartnerCenter:BaseAddress"] = app.Urls.First(),
                ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPartnerCenterResetClient(clientConfiguration.GetSection("PartnerCenter"));
        return new LoopbackSandbox(app, services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        await _app.DisposeAsync();
    }
}
