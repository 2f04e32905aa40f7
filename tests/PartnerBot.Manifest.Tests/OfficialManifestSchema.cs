using Json.Schema;

namespace PartnerBot.Manifest.Tests;

/// <summary>
/// The Teams app manifest JSON schemas that the npm package @microsoft/app-manifest ships,
/// read from node_modules so that validation needs no network.
/// </summary>
internal static class OfficialManifestSchema
{
    private const string PackageFolder = "node_modules/@microsoft/app-manifest";

    /// <summary>The address that a manifest's $schema property has for the given manifestVersion.</summary>
    public static string PublishedUrl(string manifestVersion) =>
        $"https://developer.microsoft.com/en-us/json-schemas/teams/v{manifestVersion}/MicrosoftTeams.schema.json";

    /// <summary>Loads the schema of <paramref name="manifestVersion"/>, and fails with the fix when the package or that schema is missing.</summary>
    public static JsonSchema Load(string manifestVersion)
    {
        var packageDirectory = Path.Combine(RepositoryPaths.Root, PackageFolder);
        if (!Directory.Exists(packageDirectory))
        {
            throw new InvalidOperationException(
                $"{packageDirectory} is missing, so the manifest cannot be checked against the official schema. Run `npm ci` in {RepositoryPaths.Root} and run the tests again.");
        }

        var schemaPath = Path.Combine(packageDirectory, "build", "json-schemas", "teams", $"v{manifestVersion}", "MicrosoftTeams.schema.json");
        if (!File.Exists(schemaPath))
        {
            throw new InvalidOperationException(
                $"{schemaPath} is missing: the installed @microsoft/app-manifest has no schema for manifestVersion {manifestVersion}. Use a version that it ships, or update the package in package.json and run `npm ci`.");
        }

        return JsonSchema.FromText(File.ReadAllText(schemaPath), CreateBuildOptions(), new Uri(schemaPath));
    }

    private static BuildOptions CreateBuildOptions()
    {
        // The Teams schemas declare draft-04, which JsonSchema.Net 8 does not implement. They use
        // draft-06 and draft-07 keywords (const, if/then) and none of draft-04's boolean
        // exclusiveMinimum/exclusiveMaximum, so they are evaluated with draft-07 rules.
        var dialects = new DialectRegistry();
        dialects.Register(Dialect.Draft07.With([], new Uri("http://json-schema.org/draft-04/schema#")));

        return new BuildOptions
        {
            DialectRegistry = dialects,
            SchemaRegistry = new SchemaRegistry(),
        };
    }
}
