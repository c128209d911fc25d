using Xunit.Abstractions;

namespace RunLens.ExportTests;

/// <summary>
/// Whether a Chromium is here to render with. Without one a browser test says SKIPPED and returns, except on CI
/// (CI=true), where that fails: CI installs Debian's chromium.
/// </summary>
internal static class Browser
{
    public static bool Available(ITestOutputHelper output)
    {
        try
        {
            ChromiumLocator.Find();
            return true;
        }
        catch (BrowserNotFoundException ex)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "CI must have chromium: " + ex.Message);
            output.WriteLine("SKIPPED: " + ex.Message);
            return false;
        }
    }
}
