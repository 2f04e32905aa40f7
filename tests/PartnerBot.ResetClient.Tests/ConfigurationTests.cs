using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartnerBot.ResetClient.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task Missing_refresh_token_stops_start_up()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["PartnerCenter:Authentication:TenantId"] = Guid.NewGuid().ToString(),
            ["PartnerCenter:Authentication:ClientId"] = Guid.NewGuid().ToString(),
            ["PartnerCenter:Authentication:ClientCredentials:0:SourceType"] = "ClientSecret",
            ["PartnerCenter:Authentication:ClientCredentials:0:ClientSecret"] = "placeholder",
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PartnerCenter:Authentication:RefreshToken is missing.", exception.Message);
    }

    [Fact]
    public async Task Empty_section_names_every_missing_key()
    {
        using var host = BuildHost([]);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PartnerCenter:Authentication:TenantId is missing.", exception.Message);
        Assert.Contains("PartnerCenter:Authentication:ClientId is missing.", exception.Message);
        Assert.Contains("PartnerCenter:Authentication:ClientCredentials is missing.", exception.Message);
        Assert.Contains("PartnerCenter:Authentication:RefreshToken is missing.", exception.Message);
    }

    [Fact]
    public async Task Sandbox_mode_needs_no_credentials()
    {
        using var host = BuildHost(new Dictionary<string, string?> { ["PartnerCenter:Authentication:Mode"] = "Sandbox" });

        await host.StartAsync();

        Assert.NotNull(host.Services.GetRequiredService<ICustomerDirectory>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Out_of_range_page_size_is_named()
    {
        using var host = BuildHost(new Dictionary<string, string?>
        {
            ["PartnerCenter:Authentication:Mode"] = "Sandbox",
            ["PartnerCenter:UserPageSize"] = "900",
        });

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PartnerCenter:UserPageSize is 900.", exception.Message);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPartnerCenterResetClient(builder.Configuration.GetSection("PartnerCenter"));
        return builder.Build();
    }
}
