using System.Diagnostics;

namespace PartnerBot.Manifest.Tests;

/// <summary>Exit code and output of one run of scripts/package-manifest.</summary>
internal sealed record PackageScriptResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs scripts/package-manifest the way a developer does, in a child bash process.</summary>
internal static class PackageScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs the script with the given MicrosoftAppId environment variable, or with the variable
    /// removed when <paramref name="appIdVariable"/> is null, so the script falls back to
    /// <paramref name="appSettingsPath"/>.
    /// </summary>
    public static async Task<PackageScriptResult> RunAsync(string? appIdVariable, string appSettingsPath, string outputPath)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.PackageScript);
        startInfo.ArgumentList.Add("--appsettings");
        startInfo.ArgumentList.Add(appSettingsPath);
        startInfo.ArgumentList.Add("--output");
        startInfo.ArgumentList.Add(outputPath);

        startInfo.Environment.Remove("MicrosoftAppId");
        if (appIdVariable is not null)
        {
            startInfo.Environment["MicrosoftAppId"] = appIdVariable;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start bash to run {RepositoryPaths.PackageScript}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{RepositoryPaths.PackageScript} did not finish within {Timeout.TotalSeconds} seconds.");
        }

        return new PackageScriptResult(process.ExitCode, await standardOutput, await standardError);
    }
}
