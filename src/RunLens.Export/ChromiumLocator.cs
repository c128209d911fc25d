namespace RunLens;

/// <summary>
/// Finds the Chromium to render with, never downloading one: the explicit path, else <c>RUNLENS_CHROMIUM</c>, else the
/// usual executable names on PATH.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>The environment variable that names the browser executable.</summary>
    public const string EnvironmentVariable = "RUNLENS_CHROMIUM";

    /// <summary>The executable names looked for on PATH, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "msedge"];

    internal const string InstallHint =
        "Saving images and PDFs needs a Chromium-family browser. Install one (Debian/Ubuntu: " +
        "apt-get install chromium; Fedora: dnf install chromium; macOS: brew install --cask chromium), or name its " +
        "executable with ImageOptions.Browser, --browser or the RUNLENS_CHROMIUM environment variable. Nothing is downloaded.";

    /// <summary>The browser executable to use.</summary>
    /// <param name="explicitPath">A path given by the caller (option or <c>--browser</c>); wins over everything else.</param>
    /// <exception cref="BrowserNotFoundException">The named file does not exist, or none was found; the message says how to install one.</exception>
    public static string Find(string? explicitPath = null) => Find(explicitPath, Environment.GetEnvironmentVariable);

    // The environment comes in as a function so tests can give one without setting the process's own variables, which
    // every test running in parallel reads (one test's RUNLENS_CHROMIUM once failed another's screenshot in CI).
    internal static string Find(string? explicitPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Existing(explicitPath, "the browser option");
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return Existing(fromEnvironment, EnvironmentVariable);
        var folders = (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var suffixes = OperatingSystem.IsWindows() ? new[] { ".exe", "" } : [""];
        foreach (var name in Names)
        {
            foreach (var folder in folders)
            {
                foreach (var suffix in suffixes)
                {
                    var candidate = Path.Combine(folder, name + suffix);
                    if (File.Exists(candidate))
                        return candidate;
                }
            }
        }
        throw new BrowserNotFoundException($"No browser was found: {EnvironmentVariable} is not set and none of {string.Join(", ", Names)} is on PATH. " + InstallHint);
    }

    private static string Existing(string path, string source) => File.Exists(path)
        ? Path.GetFullPath(path)
        : throw new BrowserNotFoundException($"The browser named by {source} does not exist: '{path}'. " + InstallHint);
}
