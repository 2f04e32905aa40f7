using System.Diagnostics;
using System.Net;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Hosting;

/// <summary>Starts the built PartnerBot as a real process, the way an operator would.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Production_without_app_id_exits_naming_key()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = PartnerBotFactory.PartnerTenantId,
            ["PartnerBot__PartnerTenantId"] = PartnerBotFactory.PartnerTenantId,
        };

        var (exitCode, output) = await RunHostAsync(environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("MicrosoftAppId is missing.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_partner_tenant_exits_naming_key()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "5f0c2e8a-3b71-4d94-a6e2-9c1b7d3f0a55",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = PartnerBotFactory.PartnerTenantId,
        };

        var (exitCode, output) = await RunHostAsync(environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("PartnerBot:PartnerTenantId is missing.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_rejects_request_without_token()
    {
        var settings = ProductionSettings.Create();
        await using var connector = await ConnectorRecorder.StartAsync();
        await using var factory = new PartnerBotFactory(settings, environment: "Production");
        using var client = factory.CreateClient();

        var response = await client.PostAsync(Activities.Message(connector.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Production_rejects_sandbox_authentication()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["PartnerCenter__Authentication__Mode"] = "Sandbox",
        };

        var (exitCode, output) = await RunHostAsync(environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("PartnerCenter:Authentication:Mode is Sandbox, which only the Development environment allows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_refresh_token_exits_naming_key()
    {
        var environment = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" };

        var (exitCode, output) = await RunHostAsync(environment);

        Assert.Equal(2, exitCode);
        Assert.Contains("PartnerCenter:Authentication:RefreshToken is missing.", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunHostAsync(IReadOnlyDictionary<string, string> environment)
    {
        var hostAssembly = typeof(Program).Assembly.Location;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostAssembly, "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = Path.GetDirectoryName(hostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment.Remove("MicrosoftAppId");
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("PartnerBot did not exit within 60 seconds; it should have stopped on invalid configuration.");
        }

        return (process.ExitCode, await standardOutput + await standardError);
    }
}
