using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>
/// <c>runlens replay</c> on the checked-in sample runs. The counts were read independently with /usr/bin/python3
/// (json): the first drone run's <c>snapshots/index.jsonl</c> has 7 rows with steps 192, 92, 332, 236, 271, 229,
/// 285; <c>cartpole-ppo/lr=0.0003,batch=512/seed_0/episodes.jsonl</c> has 17 summary-only episodes.
/// </summary>
public partial class ReplayCommandTests
{
    private static string DroneRuns => Path.Combine(TestPaths.SampleRuns, "drone-cem");

    private static string FirstDroneRun => Directory.GetDirectories(DroneRuns).Order(StringComparer.Ordinal).First();

    private static string CartPoleSeed0 => Path.Combine(TestPaths.SampleRuns, "cartpole-ppo", "lr=0.0003,batch=512", "seed_0");

    // The replay's data block: the one JSON script the page carries.
    private static JsonElement DataBlock(string page)
    {
        var match = DataScript().Match(File.ReadAllText(page));
        Assert.True(match.Success, $"{page} has no replay data block.");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }

    [GeneratedRegex("<script type=\"application/json\"[^>]*class=\"runlens-replay-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();

    [Fact]
    public void A_drone_run_writes_an_offline_page_holding_its_seven_snapshot_episodes()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "drone.html");

        var (exit, output, error) = CliRunner.Run("replay", FirstDroneRun, "-o", page);

        Assert.True(exit == 0, error);
        Assert.Equal(page, output.Trim());
        var data = DataBlock(page);
        Assert.Equal(7, data.GetProperty("episodes").GetArrayLength());
        Assert.True(data.GetProperty("timeline").GetBoolean());
        Assert.DoesNotContain("<script src=", File.ReadAllText(page));
        Assert.Contains("7 episodes, 1,637 frames", error);
    }

    [Fact]
    public void A_grid_game_run_without_episode_files_replays_episodes_cut_from_its_step_log_over_its_heatmap()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "explorer.html");
        var run = Path.Combine(TestPaths.SampleRuns, "experiments", "v4", "20250727_034014");

        var (exit, _, error) = CliRunner.Run("replay", run, "-o", page);

        // 5,000 steps of env 0 in episodes of config.json's episode_length 200 (checked with python: 25 x 200).
        Assert.True(exit == 0, error);
        var data = DataBlock(page);
        var episodes = data.GetProperty("episodes");
        Assert.Equal(25, episodes.GetArrayLength());
        Assert.All(episodes.EnumerateArray(), e => Assert.Equal(200, e.GetProperty("steps").GetArrayLength()));
        Assert.Equal("40", data.GetProperty("heatmaps")[0].GetProperty("map").GetString());
        Assert.True(episodes[0].GetProperty("yDown").GetBoolean());
    }

    [Fact]
    public void Snapshots_option_replays_the_snapshot_timeline()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "snapshots.html");

        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "--snapshots", "-o", page);

        Assert.True(exit == 0, error);
        var data = DataBlock(page);
        Assert.Equal(7, data.GetProperty("episodes").GetArrayLength());
        Assert.True(data.GetProperty("timeline").GetBoolean());
        Assert.EndsWith("snapshots over training", data.GetProperty("title").GetString());
    }

    [Fact]
    public void Episode_option_replays_that_one_episode()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "e2.html");

        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "--episode", "2", "-o", page);

        Assert.True(exit == 0, error);
        var episode = Assert.Single(DataBlock(page).GetProperty("episodes").EnumerateArray().ToList());
        Assert.Equal(332, episode.GetProperty("length").GetInt64());
        Assert.Equal(332, episode.GetProperty("steps").GetArrayLength());
    }

    [Fact]
    public void Max_steps_decimates_long_episodes()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "short.html");

        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "--episode", "2", "--max-steps", "50", "-o", page);

        Assert.True(exit == 0, error);
        var episode = Assert.Single(DataBlock(page).GetProperty("episodes").EnumerateArray().ToList());
        Assert.Equal(332, episode.GetProperty("length").GetInt64());
        Assert.InRange(episode.GetProperty("steps").GetArrayLength(), 2, 50);
    }

    [Fact]
    public void A_folder_of_several_runs_replays_the_latest_episode_of_each()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "all.html");

        var (exit, _, error) = CliRunner.Run("replay", DroneRuns, "-o", page);

        Assert.True(exit == 0, error);
        var labels = DataBlock(page).GetProperty("episodes").EnumerateArray().Select(e => e.GetProperty("label").GetString()!).ToList();
        Assert.Equal(Directory.GetDirectories(DroneRuns).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            labels.Select(l => l.Split(" · ")[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_output_folders_are_created()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "not", "yet", "there", "replay.html");

        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "-o", page);

        Assert.True(exit == 0, error);
        Assert.True(File.Exists(page));
    }

    [Fact]
    public void An_episode_out_of_range_is_a_user_error_naming_the_run_and_its_episode_count()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "x.html");

        var (exit, output, error) = CliRunner.Run("replay", FirstDroneRun, "--episode", "99", "-o", page);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains($"Run '{Path.GetFileName(FirstDroneRun)}' has 7 episodes; episode 99 does not exist", error);
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void Episode_and_snapshots_together_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "--episode", "2", "--snapshots");

        Assert.Equal(1, exit);
        Assert.Contains("either --episode N or --snapshots, not both", error);
    }

    [Fact]
    public void Episode_on_a_folder_of_several_runs_is_a_user_error_naming_the_runs()
    {
        var (exit, _, error) = CliRunner.Run("replay", DroneRuns, "--episode", "1");

        Assert.Equal(1, exit);
        Assert.Contains("holds 3 runs; --episode needs one run", error);
        foreach (var run in Directory.GetDirectories(DroneRuns))
            Assert.Contains(Path.GetFileName(run), error);
    }

    [Fact]
    public void A_run_whose_episodes_have_no_steps_is_a_user_error()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "cartpole.html");

        var (exit, _, error) = CliRunner.Run("replay", CartPoleSeed0, "-o", page);

        Assert.Equal(1, exit);
        Assert.Contains("Run 'seed_0' has 17 episodes but none with steps to replay", error);
        Assert.False(File.Exists(page));
    }

    [Fact]
    public void Snapshots_on_a_run_without_snapshots_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("replay", CartPoleSeed0, "--snapshots");

        Assert.Equal(1, exit);
        Assert.Contains("run 'seed_0' has no snapshots", error);
    }

    [Fact]
    public void Max_steps_below_two_is_a_user_error()
    {
        var (exit, _, error) = CliRunner.Run("replay", FirstDroneRun, "--max-steps", "1");

        Assert.Equal(1, exit);
        Assert.Contains("--max-steps must be at least 2", error);
    }

    [Fact]
    public void A_folder_without_runs_is_a_user_error()
    {
        using var dir = new TempDir();

        var (exit, _, error) = CliRunner.Run("replay", dir.Path, "-o", Path.Combine(dir.Path, "r.html"));

        Assert.Equal(1, exit);
        Assert.StartsWith($"runlens replay: No run found under '{dir.Path}'", error);
    }

    [Fact]
    public void Help_lists_the_replay_command()
    {
        var (exit, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("replay <PATH>", output);
        Assert.Contains("episode replay", output);
    }

    [Fact]
    public void Replay_help_lists_its_options()
    {
        var (exit, output, _) = CliRunner.Run("replay", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--episode", "--snapshots", "--output", "-o", "--max-steps" })
            Assert.Contains(option, output);
    }
}
