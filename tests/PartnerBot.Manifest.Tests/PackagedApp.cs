using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PartnerBot.Manifest.Tests;

/// <summary>
/// The app package that scripts/package-manifest builds for <see cref="AppId"/>, read back from the zip,
/// so the tests check exactly what would be uploaded to Teams.
/// </summary>
public sealed class PackagedApp : IAsyncLifetime
{
    public const string AppId = "6f0f4a52-8a3e-4d9b-9c1e-2b7d5e3a1c40";

    private readonly DirectoryInfo workDirectory = Directory.CreateTempSubdirectory("partnerbot-manifest-tests-");

    /// <summary>The content of each zip entry, by entry name.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; private set; } = new Dictionary<string, byte[]>();

    public JsonNode Manifest { get; private set; } = new JsonObject();

    public async Task InitializeAsync()
    {
        var emptySettings = Path.Combine(workDirectory.FullName, "appsettings.json");
        await File.WriteAllTextAsync(emptySettings, "{}");
        var packagePath = Path.Combine(workDirectory.FullName, "appPackage.zip");

        var result = await PackageScript.RunAsync(AppId, emptySettings, packagePath);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/package-manifest exited with {result.ExitCode}: {result.StandardError}");
        }

        Entries = ReadEntries(packagePath);
        Manifest = JsonNode.Parse(Entries["manifest.json"])
            ?? throw new InvalidOperationException("manifest.json in the package is the JSON literal null.");
    }

    public Task DisposeAsync()
    {
        workDirectory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Reads the icon file that the manifest names under icons.<paramref name="kind"/>.</summary>
    public byte[] ReadIcon(string kind)
    {
        var path = Manifest["icons"]?[kind]?.GetValue<string>()
            ?? throw new InvalidOperationException($"The packaged manifest has no icons.{kind}.");

        return Entries.TryGetValue(path, out var content)
            ? content
            : throw new InvalidOperationException($"icons.{kind} names {path}, which is not in the package.");
    }

    internal static Dictionary<string, byte[]> ReadEntries(string packagePath)
    {
        using var archive = ZipFile.OpenRead(packagePath);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            entries.Add(entry.FullName, buffer.ToArray());
        }

        return entries;
    }
}
