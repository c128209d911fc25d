using System.Diagnostics;

namespace RunLens.Notebooks.Tests;

/// <summary>
/// Validates .ipynb files with Python's nbformat (Debian's python3-nbformat). The python3 on PATH may be another
/// install without it, so /usr/bin/python3 is tried too. Without nbformat a test says SKIPPED, except on CI (CI=true).
/// </summary>
internal static class Nbformat
{
    private const string Script = "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')";

    private static readonly Lazy<string?> _python = new(() =>
        new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(p => Run(p, "-c", "import nbformat").Exit == 0));

    /// <summary>Null when valid (or skipped, with <paramref name="skipped"/> set), otherwise nbformat's complaint.</summary>
    public static string? Validate(string path, out bool skipped)
    {
        skipped = false;
        if (_python.Value is not { } python)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "nbformat is missing on CI; install python3-nbformat.");
            Console.WriteLine("SKIPPED: python3 with nbformat not found (apt-get install python3-nbformat)");
            skipped = true;
            return null;
        }
        var (exit, output) = Run(python, "-c", Script, path);
        return exit == 0 && output.Contains("valid", StringComparison.Ordinal) ? null : output;
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
