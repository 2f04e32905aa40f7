using System.Diagnostics;
using System.Text;

namespace PartnerBot.EndToEnd.Tests;

/// <summary>
/// A process started by the tests. Its standard output and error are kept in memory so that a failing test
/// can show them, and disposing it kills the whole process tree.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Lock outputLock = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    /// <summary>A short name for messages, such as "bot".</summary>
    public string Name { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote so far, standard output and standard error interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

    public static ChildProcess Start(string name, ProcessStartInfo startInfo)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, line) => child.Append("stdout", line.Data);
        process.ErrorDataReceived += (_, line) => child.Append("stderr", line.Data);

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return child;
    }

    /// <summary>Describes the exit code, or that the process is still running, for failure messages.</summary>
    public string DescribeState() => process.HasExited ? $"exited with code {process.ExitCode}" : "still running";

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(ExitTimeout);
        }
        catch (InvalidOperationException)
        {
            // The process ended between the check and the kill, so there is nothing left to stop.
        }

        process.Dispose();
    }

    private void Append(string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (outputLock)
        {
            output.Append(stream).Append(": ").AppendLine(line);
        }
    }
}
