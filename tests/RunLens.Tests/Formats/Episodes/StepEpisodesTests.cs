using System.Globalization;
using System.Text;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Episodes;

public class StepEpisodesTests(ITestOutputHelper output)
{
    /// <summary>
    /// Two environments of 7 steps each, interleaved in one file, episodes of 3 steps by the configuration.
    /// Env 0, step s: position (s, 0) on map 40 for steps 0-2 and 41 after, except step 5 without a position;
    /// explore 1 every step, event 2 at step 4, total = explore + event except step 2 without a total;
    /// action s % 2, hp 10 - s. Env 1: position (100 + s, 1), total 10 every step.
    /// </summary>
    private static Run Fixture(TempDir dir)
    {
        var lines = new List<string>();
        for (var s = 0; s < 7; s++)
        {
            var position = s == 5 ? "" : $"\"position\":{{\"x\":{s},\"y\":0,\"map\":{(s < 3 ? 40 : 41)}}},";
            var total = s == 2 ? "" : $"\"total\":{1 + (s == 4 ? 2 : 0)},";
            lines.Add($"{{\"step\":{s},\"env\":0,{position}\"rewards\":{{{total}\"explore\":1,\"event\":{(s == 4 ? 2 : 0)}}},\"info\":{{\"action\":{s % 2},\"hp\":{10 - s}}}}}");
            lines.Add($"{{\"step\":{s},\"env\":1,\"position\":{{\"x\":{100 + s},\"y\":1,\"map\":40}},\"rewards\":{{\"total\":10}}}}");
        }
        dir.Write("run/json_logs/0.json", "[" + string.Join(",\n", lines) + "]");
        dir.Write("run/config.json", "{\"seed\":1,\"episode_length\":3}");
        return Runs.Load(dir.Path)["run"];
    }

    [Fact]
    public void Steps_of_the_lowest_env_are_cut_every_episode_length_steps_with_their_trajectories()
    {
        using var dir = new TempDir();
        var run = Fixture(dir);

        var episodes = run.StepEpisodes();

        Assert.Equal([0, 1, 2], episodes.Select(e => e.Index));
        Assert.Equal([3.0, 5, 1], episodes.Select(e => e.Return));
        Assert.Equal([3L, 3, 1], episodes.Select(e => e.Length));
        Assert.Equal([2L, 5, 6], episodes.Select(e => e.TrainingStep!.Value));
        Assert.All(episodes, e => Assert.Equal((EpisodeKinds.Training, "run/json_logs/0.json (env 0)"), (e.Kind, e.Source)));
        var first = episodes[0].Trajectory!;
        // Step 2 has no total: its reward is the sum of its components.
        Assert.Equal([1.0, 1, 1], first.Rewards);
        Assert.Equal([[0.0, 0], [1, 0], [2, 0]], first.Positions!);
        Assert.Equal(["40", "40", "40"], first.Maps!);
        Assert.Equal([[0.0], [1], [0]], first.Actions!);
        Assert.Equal(["info.hp", "rewards.event", "rewards.explore"], first.Tracks.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([10.0, 9, 8], first.Tracks["info.hp"]);
        Assert.Equal([1.0, 1, 1], first.Tracks["rewards.explore"]);
        var second = episodes[1];
        // Step 5 has no position: it repeats step 4's.
        Assert.Equal([[3.0, 0], [4, 0], [4, 0]], second.Trajectory!.Positions!);
        Assert.Equal(["41", "41", "41"], second.Trajectory.Maps!);
        Assert.Equal([1.0, 3, 1], second.Trajectory.Rewards);
        Assert.Equal(new Dictionary<string, double> { ["event"] = 2, ["explore"] = 3 }, second.RewardComponents);
        Assert.Collection(episodes.Issues,
            i => Assert.Contains("the last episode has 1 steps, fewer than the configured episode length 3", i.Message, StringComparison.Ordinal),
            i => Assert.Equal("1 steps have no position: each repeats the position before it (the first steps, the first position known)", i.Message));
    }

    [Fact]
    public void Another_env_is_chosen_by_its_id_and_an_absent_one_says_which_there_are()
    {
        using var dir = new TempDir();
        var run = Fixture(dir);

        var env1 = run.StepEpisodes(env: 1);
        var missing = run.StepEpisodes(env: 7);

        Assert.Equal([30.0, 30, 10], env1.Select(e => e.Return));
        Assert.Equal([[103.0, 1], [104, 1], [105, 1]], env1[1].Trajectory!.Positions!);
        Assert.Null(env1[1].Trajectory!.Actions);
        Assert.Empty(env1[0].Trajectory!.Tracks);
        Assert.Equal("run/json_logs/0.json (env 1)", env1[2].Source);
        Assert.Empty(missing);
        Assert.Equal("no step records of env 7; environments seen: 0, 1", Assert.Single(missing.Issues).Message);
    }

    [Fact]
    public void Only_the_last_episodes_are_kept_and_the_issues_say_how_to_get_the_others()
    {
        using var dir = new TempDir();
        var run = Fixture(dir);

        var episodes = run.StepEpisodes(maxEpisodes: 2);

        Assert.Equal([1, 2], episodes.Select(e => e.Index));
        Assert.Equal([5.0, 1], episodes.Select(e => e.Return));
        Assert.Contains(episodes.Issues, i => i.Message.StartsWith(
            "1 earlier episodes of env 0 are left out: only the last 2 of 3 are kept (memory stays bounded); StepEpisodes(maxEpisodes: 3) returns them all", StringComparison.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>(() => run.StepEpisodes(maxEpisodes: 0));
        // An explicit length wins over the configuration's: 7 steps in episodes of 5 are 5 + 2.
        Assert.Equal([5L, 2], run.StepEpisodes(episodeLength: 5).Select(e => e.Length));
    }

    [Fact]
    public void Done_flags_episode_ids_and_steps_going_back_end_episodes_and_disorder_is_reported()
    {
        using var dir = new TempDir();
        // No env field: every record. Steps 0 1 2(done) 3 4 9, then back to 2 (not 0: reported), 3.
        var steps = new[] { 0, 1, 2, 3, 4, 9, 2, 3 };
        var text = new StringBuilder();
        for (var i = 0; i < steps.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"{{\"step\":{steps[i]},\"x\":{i},\"y\":0,\"reward\":{i},\"done\":{(i == 2 ? "true" : "false")},\"score\":{i * 10}}}\n");
        var log = dir.Write("done/json_logs/0.jsonl", text.ToString());
        dir.Write("done/config.json", "{\"episode_length\":2}");
        dir.Write("ids/json_logs/0.jsonl", string.Concat(new[] { 0, 0, 1, 1, 1 }.Select((e, i) =>
            $"{{\"step\":{i},\"episode\":{e},\"x\":{i},\"y\":{i},\"reward\":1}}\n")));
        var runs = Runs.Load(dir.Path);

        var done = runs["done"].StepEpisodes();
        var ids = runs["ids"].StepEpisodes();

        // The done field outranks the configured length of 2.
        Assert.Equal([3L, 3, 2], done.Select(e => e.Length));
        Assert.Equal([0.0 + 1 + 2, 3 + 4 + 5, 6 + 7], done.Select(e => e.Return));
        Assert.Equal("done/json_logs/0.jsonl", done[0].Source);
        Assert.Equal([0.0, 10, 20], done[0].Trajectory!.Tracks["score"]);
        Assert.DoesNotContain("done", done[0].Trajectory!.Tracks.Keys);
        var issue = Assert.Single(done.Issues);
        // The 7th line's offset: sum(len(line) + 1) of the six lines before it.
        var offset = File.ReadAllLines(log).Take(6).Sum(l => l.Length + 1);
        Assert.Equal((log, (long)offset), (issue.File, issue.Offset!.Value));
        Assert.StartsWith("the step went back from 9 to 2 (not to 0", issue.Message, StringComparison.Ordinal);
        Assert.Equal([2L, 3], ids.Select(e => e.Length));
        Assert.Empty(ids.Issues);
    }

    /// <summary>
    /// The exploration sample v4 seed 1: env 0 has 5,000 steps in episodes of 200 (config episode_length). The
    /// returns were computed independently with /usr/bin/python3 over the JSON files:
    /// <code>
    /// recs = [r for f in sorted(glob(run + '/json_logs/*')) for r in json.load((gzip.open if f.endswith('.gz') else open)(f, 'rt'))]
    /// e0 = sorted((r for r in recs if r['env'] == 0), key=lambda r: r['step'])
    /// [sum(r['rewards']['total'] for r in e0[k*200:(k+1)*200]) for k in range(25)]
    /// </code>
    /// </summary>
    [Fact]
    public void The_exploration_sample_gives_25_episodes_of_200_steps_with_the_returns_python_sums()
    {
        var run = Runs.Load(Path.Combine(TestPaths.SampleRuns, "experiments"))["v4/20250727_034014"];

        var episodes = run.StepEpisodes();

        double[] returns =
        [
            4.853, 5.382, 5.183, 8.21, 9.79, 8.453, 9.006, 9.3, 8.356, 11.15, 10.2, 13.912, 10.306, 10.05, 7.606,
            9.456, 11.05, 10.159, 11.753, 11.55, 13.2, 9.396, 8.203, 13.756, 12.909,
        ];
        Assert.Empty(episodes.Issues);
        Assert.Equal(25, episodes.Count);
        Assert.All(episodes, e => Assert.Equal((200L, 200), (e.Length, e.Trajectory!.Length)));
        Assert.Equal(returns, episodes.Select(e => Math.Round(e.Return, 9)));
        Assert.Equal(Enumerable.Range(1, 25).Select(k => k * 200L - 1), episodes.Select(e => e.TrainingStep!.Value));
        var last = episodes[^1];
        // python: sum(r['rewards']['explore'] for r in e0[4800:]) = 12.7, event 0.2; the first three steps below.
        Assert.Equal(12.7, last.RewardComponents["explore"], 9);
        Assert.Equal(0.2, last.RewardComponents["event"], 9);
        Assert.Equal([[3.0, 8], [4, 8], [4, 9]], last.Trajectory!.Positions!.Take(3));
        Assert.Equal([[0.0], [3], [1]], last.Trajectory.Actions!.Take(3));
        Assert.All(last.Trajectory.Maps!, m => Assert.Equal("40", m));
        Assert.Equal(["info.hp", "rewards.badge", "rewards.dead", "rewards.event", "rewards.explore", "rewards.heal", "rewards.level", "rewards.stuck"],
            last.Trajectory.Tracks.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("v4/20250727_034014/json_logs/0_0004.json (env 0)", last.Source, StringComparison.Ordinal);
    }

    /// <summary>
    /// PokemonRed agent_stats CSVs: each reset repeats the header and restarts the step. Counted with /usr/bin/python3
    /// (csv, gzip), files in name order, a header row starting an episode:
    /// <code>
    /// rows = list(csv.reader(gzip.open(f, 'rt', newline=''))); h = rows[0]
    /// for r in rows: eps.append([]) if r == h else eps[-1].append(dict(zip(h, r)))
    /// </code>
    /// e14cd8ae: 4 episodes of 2 steps, sum of x 40; a0003d33: 8 files of one 33-step episode, sum of x 1200, the last
    /// episode's frames sum 76; cae32bcd: 984 episodes of 2 steps, the last 100 with sums of x 977 and y 628.
    /// </summary>
    [RealDataFact("json-game-logs/PWhiddy__PokemonRedExperiments/baselines")]
    public void PokemonRed_agent_stats_split_at_each_reset()
    {
        var folder = RealRuns.Folder("json-game-logs/PWhiddy__PokemonRedExperiments/baselines", output);
        var runs = Runs.Load(folder);

        var small = runs["session_e14cd8ae"].StepEpisodes();
        var files = runs["session_a0003d33"].StepEpisodes();
        var many = runs["session_cae32bcd"].StepEpisodes();

        Assert.Equal([2L, 2, 2, 2], small.Select(e => e.Length));
        Assert.Equal(40, small.Sum(e => e.Trajectory!.Positions!.Sum(p => p[0])));
        Assert.Equal([[5.0, 4], [5, 5]], small[^1].Trajectory!.Positions!);
        Assert.Equal([[0.0], [0]], small[^1].Trajectory!.Actions!);
        Assert.Equal(["40", "40"], small[^1].Trajectory!.Maps!);
        Assert.Equal(["badge", "deaths", "event", "frames", "healr", "hp", "pcount"], small[0].Trajectory!.Tracks.Keys.Order(StringComparer.Ordinal));
        // No reward column: rewards are 0, and the all_runs summaries (no step, no position) are not steps.
        Assert.All(small, e => Assert.Equal(0, e.Return));
        Assert.Contains(small.Issues, i => i.Message == "8 steps have no reward field (rewards.total or rewards.<component>): their reward is 0");
        Assert.Contains(small.Issues, i => i.File.EndsWith("all_runs_051a5cd7.json", StringComparison.Ordinal) && i.Message.StartsWith("4 of 4 records have no step field", StringComparison.Ordinal));

        Assert.Equal(Enumerable.Repeat(33L, 8), files.Select(e => e.Length));
        Assert.Equal(1200, files.Sum(e => e.Trajectory!.Positions!.Sum(p => p[0])));
        Assert.Equal(76, files[^1].Trajectory!.Tracks["frames"].Sum());
        Assert.EndsWith("agent_stats_f2bcad3a.csv.gz", files[^1].Source, StringComparison.Ordinal);

        Assert.Equal(100, many.Count);
        Assert.Equal((884, 983), (many[0].Index, many[^1].Index));
        Assert.Equal(977, many.Sum(e => e.Trajectory!.Positions!.Sum(p => p[0])));
        Assert.Equal(628, many.Sum(e => e.Trajectory!.Positions!.Sum(p => p[1])));
        Assert.Contains(many.Issues, i => i.Message.StartsWith("884 earlier episodes of the run are left out: only the last 100 of 984", StringComparison.Ordinal));
    }
}
