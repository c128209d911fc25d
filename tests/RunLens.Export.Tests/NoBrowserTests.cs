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
        var error = Assert.Throws<BrowserNotFoundException>(() => ChromiumLocator.Find(null, Named("/nonexistent/from-env")));
        Assert.Contains("RUNLENS_CHROMIUM", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/from-env", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explicit_option_wins_over_the_environment_variable()
    {
        using var temp = new TempDir();
        var fake = temp.Write("my-chromium", "");
        Assert.Equal(fake, ChromiumLocator.Find(fake, Named("/nonexistent/from-env")));
    }

    [Fact]
    public void Without_the_variable_the_first_name_found_on_path_is_used()
    {
        using var temp = new TempDir();
        var browser = temp.Write("bin/chromium-browser", "");
        var found = ChromiumLocator.Find(null, name => name == "PATH" ? Path.Combine(temp.Path, "empty") + Path.PathSeparator + Path.GetDirectoryName(browser) : null);
        Assert.Equal(browser, found);
    }

    [Fact]
    public void With_neither_the_variable_nor_a_browser_on_path_the_error_lists_the_names_looked_for()
    {
        var error = Assert.Throws<BrowserNotFoundException>(() => ChromiumLocator.Find(null, name => name == "PATH" ? "/nonexistent/bin" : null));
        Assert.Contains("chromium, chromium-browser", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", error.Message, StringComparison.Ordinal);
    }

    // The process's own variables stay untouched: other tests render with the real browser at the same time.
    private static Func<string, string?> Named(string browser) =>
        name => name == ChromiumLocator.EnvironmentVariable ? browser : Environment.GetEnvironmentVariable(name);
}
