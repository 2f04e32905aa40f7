using System.Text.Json;
using Json.Schema;

namespace PartnerBot.Manifest.Tests;

public sealed class ManifestSchemaTests(PackagedApp package) : IClassFixture<PackagedApp>
{
    [Fact]
    public void Packaged_manifest_matches_official_schema()
    {
        var manifestVersion = package.Manifest["manifestVersion"]!.GetValue<string>();
        var schema = OfficialManifestSchema.Load(manifestVersion);
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

        using var manifest = JsonDocument.Parse(package.Entries["manifest.json"]);
        var results = schema.Evaluate(manifest.RootElement, options);

        Assert.True(results.IsValid, $"The packaged manifest does not match schema v{manifestVersion}:\n{DescribeErrors(results)}");
    }

    [Fact]
    public void Schema_url_names_declared_version()
    {
        var manifestVersion = package.Manifest["manifestVersion"]!.GetValue<string>();

        var schemaUrl = package.Manifest["$schema"]?.GetValue<string>();

        Assert.Equal(OfficialManifestSchema.PublishedUrl(manifestVersion), schemaUrl);
    }

    [Fact]
    public void App_id_fills_manifest_id()
    {
        var id = package.Manifest["id"]?.GetValue<string>();

        Assert.Equal(PackagedApp.AppId, id);
    }

    [Fact]
    public void App_id_fills_bot_id()
    {
        var botId = package.Manifest["bots"]?[0]?["botId"]?.GetValue<string>();

        Assert.Equal(PackagedApp.AppId, botId);
    }

    [Fact]
    public void Packaged_manifest_has_no_placeholders()
    {
        var text = System.Text.Encoding.UTF8.GetString(package.Entries["manifest.json"]);

        Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
    }

    private static string DescribeErrors(EvaluationResults results)
    {
        var errors =
            from detail in results.Details ?? []
            where detail.Errors is not null
            from error in detail.Errors!
            select $"  {detail.InstanceLocation} ({detail.SchemaLocation}): {error.Key}: {error.Value}";

        return string.Join('\n', errors);
    }
}
