using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>Plot never overwrites one run's page with another's; replay takes snapshot paths; errors speak CLI.</summary>
public partial class CliHygieneTests
{
    private static string Records(int n) => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture,
        $"{{\"step\":{i},\"total\":{i * 0.1:R}}}"))) + "]";

    private static string FirstDroneRun =>
        Directory.GetDirectories(Path.Combine(TestPaths.SampleRuns, "drone-cem")).Order(StringComparer.Ordinal).First();

    [GeneratedRegex("<script type=\"application/json\"[^>]*class=\"runlens-replay-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();

    private static int Episodes(string page) =>
        JsonDocument.Parse(DataScript().Match(File.ReadAllText(page)).Groups[1].Value).RootElement.GetProperty("episodes").GetArrayLength();

    [Fact]
    public void Plot_gives_each_seed_of_a_variant_its_own_file_in_a_shared_output_folder()
    {
        using var dir = new TempDir();
        dir.Write("runs/alpha/seed0/json_logs/0.json", Records(20));
        dir.Write("runs/alpha/seed1/json_logs/0.json", Records(30));
        var outDir = Path.Combine(dir.Path, "out");

        var (exit, output, error) = CliRunner.Run("plot", Path.Combine(dir.Path, "runs"), "--output-dir", outDir);

        Assert.True(exit == 0, error);
        Assert.Equal([Path.Combine(outDir, "alpha_seed0_rewards.html"), Path.Combine(outDir, "alpha_seed1_rewards.html")],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("20 of 20 records", File.ReadAllText(Path.Combine(outDir, "alpha_seed0_rewards.html")), StringComparison.Ordinal);
        Assert.Contains("30 of 30 records", File.ReadAllText(Path.Combine(outDir, "alpha_seed1_rewards.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_refuses_naming_both_runs_when_their_file_names_would_meet_and_writes_nothing()
    {
        using var dir = new TempDir();
        dir.Write("runs/x/y/json_logs/0.json", Records(20));
        dir.Write("runs/x_y/json_logs/0.json", Records(30));
        var outDir = Path.Combine(dir.Path, "out");

        var (exit, output, error) = CliRunner.Run("plot", Path.Combine(dir.Path, "runs"), "--output-dir", outDir);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("runs 'x/y' and 'x_y' would both write", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any());
    }

    [Fact]
    public void Replay_takes_a_snapshots_folder_its_index_or_one_snapshot_file()
    {
        using var dir = new TempDir();
        var snapshots = Path.Combine(FirstDroneRun, "snapshots");
        var one = Directory.GetFiles(snapshots, "snapshot_*.json").Order(StringComparer.Ordinal).First();

        var folder = CliRunner.Run("replay", snapshots, "-o", Path.Combine(dir.Path, "folder.html"));
        var index = CliRunner.Run("replay", Path.Combine(snapshots, "index.jsonl"), "-o", Path.Combine(dir.Path, "index.html"));
        var file = CliRunner.Run("replay", one, "-o", Path.Combine(dir.Path, "one.html"));
        var withEpisode = CliRunner.Run("replay", one, "--episode", "1");

        Assert.True(folder.Exit == 0, folder.Error);
        Assert.True(index.Exit == 0, index.Error);
        Assert.True(file.Exit == 0, file.Error);
        // The drone run's index lists 7 snapshots (see ReplayCommandTests).
        Assert.Equal((7, 7, 1), (Episodes(Path.Combine(dir.Path, "folder.html")), Episodes(Path.Combine(dir.Path, "index.html")), Episodes(Path.Combine(dir.Path, "one.html"))));
        Assert.Equal(1, withEpisode.Exit);
        Assert.Contains("leave out --episode", withEpisode.Error, StringComparison.Ordinal);
    }

    /// <summary>Names of the library's C# API that a CLI user cannot act on.</summary>
    private static readonly string[] ApiNames = ["LoadOptions", "FieldMap", "Run.Metric", "ReplayOptions", "StepEpisodes", "(Parameter '", "groupBy", "Use \"variant\""];

    [Fact]
    public void Errors_that_come_from_the_library_name_cli_options_not_csharp_apis()
    {
        using var dir = new TempDir();
        dir.Write("noreward/metrics.jsonl", "{\"step\":0,\"loss\":1}\n{\"step\":1,\"loss\":0.5}\n");
        var cartPoleSeed0 = Path.Combine(TestPaths.SampleRuns, "cartpole-ppo", "lr=0.0003,batch=512", "seed_0");

        var plot = CliRunner.Run("plot", Path.Combine(dir.Path, "noreward"), "--output-dir", Path.Combine(dir.Path, "out"));
        var replay = CliRunner.Run("replay", cartPoleSeed0, "-o", Path.Combine(dir.Path, "r.html"));
        var groupBy = CliRunner.Run("compare", Path.Combine(dir.Path, "noreward"), "--metric", "loss", "--group-by", "nothing");
        var layout = CliRunner.Run("ls", dir.Path, "--layout", "{x");
        var episodes = CliRunner.Run("replay", FirstDroneRun, "--max-episodes", "0");

        Assert.Contains("no reward curves", plot.Error, StringComparison.Ordinal);
        Assert.Contains("runlens ls", plot.Error, StringComparison.Ordinal);
        Assert.Equal(1, replay.Exit);
        Assert.Contains("--group-by variant, run, or one of: ", groupBy.Error, StringComparison.Ordinal);
        Assert.Contains("(--layout) cannot be used", layout.Error, StringComparison.Ordinal);
        Assert.Contains("--max-episodes must be at least 1", episodes.Error, StringComparison.Ordinal);
        foreach (var error in new[] { plot.Error, replay.Error, groupBy.Error, layout.Error, episodes.Error })
            Assert.DoesNotContain(ApiNames, api => error.Contains(api, StringComparison.Ordinal));
    }
}
