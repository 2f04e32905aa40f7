using System.Text.Json.Nodes;

namespace PartnerBot.Manifest.Tests;

public sealed class PackageScriptTests(PackagedApp package) : IClassFixture<PackagedApp>, IDisposable
{
    private const string SettingsAppId = "0b6c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d";

    private readonly DirectoryInfo workDirectory = Directory.CreateTempSubdirectory("partnerbot-package-script-");

    private string SettingsPath => Path.Combine(workDirectory.FullName, "appsettings.json");

    private string PackagePath => Path.Combine(workDirectory.FullName, "build", "appPackage.zip");

    public void Dispose() => workDirectory.Delete(recursive: true);

    [Fact]
    public void Package_contains_exactly_three_files()
    {
        var names = package.Entries.Keys.Order(StringComparer.Ordinal);

        Assert.Equal(["color.png", "manifest.json", "outline.png"], names);
    }

    [Fact]
    public async Task Missing_app_id_fails_naming_key()
    {
        await File.WriteAllTextAsync(SettingsPath, """{ "Logging": {} }""");

        var result = await PackageScript.RunAsync(appIdVariable: null, SettingsPath, PackagePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MicrosoftAppId is missing", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_app_id_writes_no_package()
    {
        await File.WriteAllTextAsync(SettingsPath, "{}");

        await PackageScript.RunAsync(appIdVariable: null, SettingsPath, PackagePath);

        Assert.False(File.Exists(PackagePath), $"{PackagePath} was written although the app id is missing.");
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("6f0f4a52-8a3e-4d9b-9c1e-2b7d5e3a1c4")]
    [InlineData("{6f0f4a52-8a3e-4d9b-9c1e-2b7d5e3a1c40}")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Invalid_app_id_fails_naming_key(string appId)
    {
        await File.WriteAllTextAsync(SettingsPath, "{}");

        var result = await PackageScript.RunAsync(appId, SettingsPath, PackagePath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MicrosoftAppId from environment variable MicrosoftAppId", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_id_read_from_commented_appsettings()
    {
        await File.WriteAllTextAsync(SettingsPath, $$"""
            {
              // The bot's app registration. "MicrosoftAppId": "not-this-one"
              "Logging": { "LogLevel": { "Default": "Information", }, },
              /* A block comment
                 over two lines. */
              "SupportUrl": "https://partnerbot.example//help",
              "MicrosoftAppId": "{{SettingsAppId}}",
            }
            """);

        var result = await PackageScript.RunAsync(appIdVariable: null, SettingsPath, PackagePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(SettingsAppId, ReadPackagedAppId());
    }

    [Fact]
    public async Task Environment_app_id_overrides_appsettings()
    {
        await File.WriteAllTextAsync(SettingsPath, $$"""{ "MicrosoftAppId": "{{SettingsAppId}}" }""");

        var result = await PackageScript.RunAsync(PackagedApp.AppId, SettingsPath, PackagePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(PackagedApp.AppId, ReadPackagedAppId());
    }

    private string? ReadPackagedAppId()
    {
        var entries = PackagedApp.ReadEntries(PackagePath);
        var manifest = JsonNode.Parse(entries["manifest.json"]);

        return manifest?["id"]?.GetValue<string>();
    }
}
