using System.Diagnostics;

namespace RunLens.TestSupport;

/// <summary>
/// .NET tools the client tests drive (dotnet-repl, dotnet-interactive), installed from NuGet once per checkout into
/// artifacts/tools (gitignored): never into the user's global tools. Test projects run in parallel processes, so the
/// install holds a file lock.
/// </summary>
internal static class DotnetTools
{
    public static string ToolPath { get; } = Path.Combine(TestPaths.RepoRoot, "artifacts", "tools");

    /// <summary>The tool's executable, installing <paramref name="package"/> at <paramref name="version"/> when missing.</summary>
    public static string Install(string package, string version, string command)
    {
        Directory.CreateDirectory(ToolPath);
        var executable = Path.Combine(ToolPath, command);
        var stamp = Path.Combine(ToolPath, ".store", package.ToLowerInvariant(), version);
        using var _ = Lock();
        if (File.Exists(executable) && Directory.Exists(stamp))
            return executable;
        if (File.Exists(executable))
            Run("dotnet", ["tool", "uninstall", package, "--tool-path", ToolPath], TimeSpan.FromMinutes(2));
        var (exit, output) = Run("dotnet", ["tool", "install", package, "--version", version, "--tool-path", ToolPath], TimeSpan.FromMinutes(5));
        Assert.True(exit == 0 && File.Exists(executable), $"dotnet tool install {package} {version} failed:\n{output}");
        return executable;
    }

    /// <summary>Runs a program, returning its exit code and its stdout and stderr together.</summary>
    public static (int Exit, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish within {timeout}:\n{stdout.Result}\n{stderr.Result}");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static FileStream Lock()
    {
        var path = Path.Combine(ToolPath, ".install.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
        }
    }
}
