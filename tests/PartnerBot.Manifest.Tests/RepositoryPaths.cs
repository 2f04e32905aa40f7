namespace PartnerBot.Manifest.Tests;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that contains PartnerBot.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string PackageScript => Path.Combine(Root, "scripts", "package-manifest");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PartnerBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"PartnerBot.sln was not found in {AppContext.BaseDirectory} or any folder above it. Run the tests from inside the repository.");
    }
}
