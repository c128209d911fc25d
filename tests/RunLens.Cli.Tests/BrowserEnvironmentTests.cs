using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>
/// The command line reads RUNLENS_CHROMIUM from the process's environment, so a test that sets it runs alone: tests
/// that render with the real browser in parallel would otherwise find the bad path (one did, in CI).
/// </summary>
[Collection(NotebookRunnerCollection.Name)]
public class BrowserEnvironmentTests
{
    [Fact]
    public void Without_a_browser_compare_figures_exits_1_before_writing_the_page()
    {
        using var dir = new TempDir();
        dir.Write("a/seed0/metrics.jsonl", "{\"step\":1,\"score\":1}\n");
        var page = Path.Combine(dir.Path, "page.html");
        var saved = Environment.GetEnvironmentVariable(ChromiumLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, "/nonexistent/env-chromium");
            var (exit, _, error) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--html", page, "--figures", Path.Combine(dir.Path, "f"));
            Assert.Equal(1, exit);
            Assert.Contains("RUNLENS_CHROMIUM", error, StringComparison.Ordinal);
            Assert.False(File.Exists(page));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ChromiumLocator.EnvironmentVariable, saved);
        }
    }
}
