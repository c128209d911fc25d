using RunLens.TestSupport;

namespace RunLens.ExportTests;

public class NoBrowserTests
{
    [Fact]
    public void A_browser_path_that_does_not_exist_is_refused_with_how_to_install_one_and_nothing_is_written()
    {
        using var temp = new TempDir();
        var path = temp.File("none.png");
        var error = Assert.Throws<BrowserNotFoundException>(() =>
            TinyFigures.TwoLines().SaveImage(path, new ImageOptions { Browser = "/nonexistent/chromium" }));
        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void The_environment_variable_names_the_browser_when_no_option_does()
    {
        var saved = Environment.GetEnvironmentVariable(ChromiumLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, "/nonexistent/from-env");
            var error = Assert.Throws<BrowserNotFoundException>(() => ChromiumLocator.Find());
            Assert.Contains("RUNLENS_CHROMIUM", error.Message, StringComparison.Ordinal);
            Assert.Contains("/nonexistent/from-env", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void The_explicit_option_wins_over_the_environment_variable()
    {
        using var temp = new TempDir();
        var fake = temp.Write("my-chromium", "");
        var saved = Environment.GetEnvironmentVariable(ChromiumLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, "/nonexistent/from-env");
            Assert.Equal(fake, ChromiumLocator.Find(fake));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, saved);
        }
    }
}
