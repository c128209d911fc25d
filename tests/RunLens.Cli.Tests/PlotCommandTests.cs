using System.Globalization;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class PlotCommandTests
{
    private static string Records(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\":{i},\"x\":{i % 4},\"y\":{i % 3},\"map\":1,\"total\":{i * 0.1:R},\"explore\":0.05}}"))) + "]";

    [Fact]
    public void Writes_rewards_and_heatmap_into_the_runs_plots_folder_named_by_variant_and_timestamp()
    {
        using var dir = new TempDir();
        dir.Write("experiments/v2/20250726_130714/json_logs/0.json", Records(50));
        var run = Path.Combine(dir.Path, "experiments/v2/20250726_130714");

        var (exit, output, error) = CliRunner.Run("plot", run);

        Assert.True(exit == 0, error);
        var rewards = Path.Combine(run, "plots", "v2_20250726_130714_rewards.html");
        var heatmap = Path.Combine(run, "plots", "v2_20250726_130714_heatmap.html");
        Assert.Equal([rewards, heatmap], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var html = File.ReadAllText(rewards);
        // The panels are named as the flat log wrote the rewards (total first: it plays the total reward).
        Assert.Contains("\"total\"", html);
        Assert.Contains("\"explore\"", html);
        Assert.DoesNotContain("rewards.total", html);
        Assert.Contains("50 of 50 records", html);
        Assert.Contains("application/json", File.ReadAllText(heatmap));
    }

    [Fact]
    public void Output_dir_and_variant_override_the_defaults_and_smoothing_is_named()
    {
        using var dir = new TempDir();
        dir.Write("run/log.jsonl", string.Join("\n", Enumerable.Range(0, 20).Select(i => $"{{\"step\":{i},\"reward\":{i}}}")));
        var outDir = Path.Combine(dir.Path, "out");

        var (exit, output, error) = CliRunner.Run("plot", Path.Combine(dir.Path, "run"), "--output-dir", outDir, "--variant", "baseline", "--smooth-window", "5");

        Assert.True(exit == 0, error);
        var rewards = Path.Combine(outDir, "baseline_rewards.html");
        Assert.Equal(rewards, output.Trim());
        Assert.Contains("rolling mean of 5", File.ReadAllText(rewards));
        Assert.Contains("no heatmap", error);
    }

    [Fact]
    public void Runs_without_variant_or_timestamp_get_one_file_each_named_by_their_path()
    {
        using var dir = new TempDir();
        dir.Write("sweep/lr=0.1/seed_0/metrics.jsonl", "{\"step\":1,\"metrics\":{\"episode_return_mean\":3}}\n");
        dir.Write("sweep/lr=0.2/seed_0/metrics.jsonl", "{\"step\":1,\"metrics\":{\"episode_return_mean\":4}}\n");
        var outDir = Path.Combine(dir.Path, "out");

        var (exit, output, error) = CliRunner.Run("plot", Path.Combine(dir.Path, "sweep"), "--output-dir", outDir);

        Assert.True(exit == 0, error);
        Assert.Equal(
            [Path.Combine(outDir, "lr=0.1_seed_0_rewards.html"), Path.Combine(outDir, "lr=0.2_seed_0_rewards.html")],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("metrics.episode_return_mean", File.ReadAllText(Path.Combine(outDir, "lr=0.1_seed_0_rewards.html")));
    }

    [Fact]
    public void Other_formats_and_bad_windows_are_refused_with_a_message()
    {
        using var dir = new TempDir();
        dir.Write("run/log.jsonl", "{\"step\":1,\"reward\":1}\n");

        // png, svg and pdf are formats now (issue 14); a format nobody writes is still refused.
        var (formatExit, _, formatError) = CliRunner.Run("plot", Path.Combine(dir.Path, "run"), "--format", "bmp");
        var (windowExit, _, windowError) = CliRunner.Run("plot", Path.Combine(dir.Path, "run"), "--smooth-window", "-3");

        Assert.Equal(1, formatExit);
        Assert.Contains("bmp", formatError);
        Assert.Equal(1, windowExit);
        Assert.Contains("--smooth-window", windowError);
    }
}
