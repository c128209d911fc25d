using System.Text.RegularExpressions;
using RunLens.Loading;
using RunLens.TestSupport;
using RunLens.Tests.Display;

namespace RunLens.Tests.Listing;

public class RunSummaryTests
{
    /// <summary>
    /// Four records, checkable by eye: <c>loss</c> has 4 points (1.5 at step 0, NaN at 10, 0.5 at 20, Infinity at
    /// 30), so 2 finite, 2 non-finite, finite steps 0..20, min 0.5, max 1.5; <c>entropy</c> has 3 points (0.7, 0.6,
    /// 0.9 at steps 0, 10, 30).
    /// </summary>
    private const string KnownRecords =
        "{\"step\":0,\"loss\":1.5,\"entropy\":0.7}\n"
        + "{\"step\":10,\"loss\":NaN,\"entropy\":0.6}\n"
        + "{\"step\":20,\"loss\":0.5}\n"
        + "{\"step\":30,\"loss\":Infinity,\"entropy\":0.9}\n";

    /// <summary>The sample runs described once for the theory below (reading them takes about a second).</summary>
    private static readonly Lazy<RunListing> SampleListing = new(() => Runs.Load(TestPaths.SampleRuns).Describe());

    [Fact]
    public void A_json_lines_run_is_summarised_with_exact_counts_steps_and_extremes()
    {
        using var dir = new TempDir();
        dir.Write("ppo/metrics.jsonl", KnownRecords);
        dir.Write("ppo/config.json", "{\"lr\": 0.001, \"seed\": 7, \"agent\": {\"name\": \"ppo\", \"double\": true}}");

        var run = Runs.Load(dir.Path).Describe().Single();

        Assert.Equal("ppo", run.Name);
        Assert.Equal("json-log", run.Format);
        Assert.Equal(7, run.Seed);
        Assert.Equal(["agent.double", "agent.name", "lr", "seed"], run.Config.Keys);
        Assert.Equal(0.001, run.Config["lr"].Number);
        Assert.Equal((1, 4L, 0L, 30L), (run.Files, run.Records, run.StepMin, run.StepMax));
        Assert.Equal(["entropy", "loss"], run.Metrics.Select(m => m.Name));
        Assert.Equal(new MetricSummary("loss", 4, 2, 2, 0, 20, 0.5, 1.5), run.Metric("loss"));
        Assert.Equal(new MetricSummary("entropy", 3, 3, 0, 0, 30, 0.6, 0.9), run.Metric("entropy"));
        Assert.Equal(7, run.Points);
        Assert.Empty(run.Issues);
        Assert.Empty(run.Skipped);
        Assert.Equal(0, run.Episodes.Count);
        Assert.Equal("ppo (json-log, seed 7): 2 metrics, 7 points, steps 0..30", run.ToString());
    }

    [Fact]
    public void A_metric_of_only_non_finite_values_has_no_step_range_and_NaN_extremes()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":1,\"kl\":NaN}\n{\"step\":2,\"kl\":-Infinity}\n");

        var kl = Runs.Load(dir.Path).Describe().Single().Metric("kl")!;

        Assert.Equal((2L, 0L, 2L), (kl.Points, kl.Finite, kl.NonFinite));
        Assert.Null(kl.FirstStep);
        Assert.Null(kl.LastStep);
        Assert.True(double.IsNaN(kl.Min) && double.IsNaN(kl.Max));
    }

    [Fact]
    public void The_step_itself_is_not_a_metric_but_a_step_named_counter_with_other_values_is()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":0,\"timesteps\":512,\"loss\":1}\n{\"step\":1,\"timesteps\":1024,\"loss\":2}\n");

        var run = Runs.Load(dir.Path).Describe().Single();

        Assert.Equal(["loss", "timesteps"], run.Metrics.Select(m => m.Name));
        Assert.Equal(new MetricSummary("timesteps", 2, 2, 0, 0, 1, 512, 1024), run.Metric("timesteps"));
    }

    [Fact]
    public void A_broken_line_is_an_issue_of_its_run_with_its_line_and_the_rest_is_counted()
    {
        using var dir = new TempDir();
        var file = dir.Write("run/metrics.jsonl", "{\"step\":0,\"loss\":1}\nnot json\n{\"step\":2,\"loss\":3}\n");

        var listing = Runs.Load(dir.Path).Describe();

        var run = listing.Single();
        var issue = Assert.Single(run.Issues);
        Assert.Equal((file, 2L), (issue.File, issue.Line));
        Assert.Equal(1, run.Skipped.Values.Sum());
        Assert.Equal(new MetricSummary("loss", 2, 2, 0, 0, 2, 1, 3), run.Metric("loss"));
        Assert.Empty(listing.Issues);
        Assert.Equal([issue], listing.AllIssues);
    }

    [Fact]
    public void A_broken_config_is_an_issue_of_the_run_in_its_folder_not_of_the_listing()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.jsonl", "{\"step\":0,\"loss\":1}\n");
        var config = dir.Write("a/config.json", "{\"lr\": ");
        dir.Write("b/metrics.jsonl", "{\"step\":0,\"loss\":1}\n");

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        Assert.Equal(config, Assert.Single(runs.Issues).File);
        Assert.Equal(config, Assert.Single(listing["a"].Issues).File);
        Assert.Empty(listing["b"].Issues);
        Assert.Empty(listing.Issues);
        // Alone, a run does not know its set's discovery issues.
        Assert.Empty(runs["a"].Describe().Issues);
    }

    [Fact]
    public void Episodes_are_counted_by_kind_with_their_mean_return_and_their_issues()
    {
        using var dir = new TempDir();
        var file = dir.Write("run/metrics.jsonl", "{\"step\":0,\"loss\":1}\n");
        var loaded = Runs.Load(dir.Path)[0];
        var source = new FixedEpisodes(new RunFile(file, "run/metrics.jsonl", 1),
            [new Episode(0, 10, 5), new Episode(0, 20, 5), new Episode(0, 60, 9) { Kind = EpisodeKinds.Evaluation }],
            new LoadIssue(file, 40, 3, "episode row cut short; skipped"));
        var run = new Run(loaded.Info, LoadOptions.Default, [source]);

        var summary = run.Describe();

        Assert.Equal(3, summary.Episodes.Count);
        Assert.Equal(["evaluation: 1", "training: 2"], summary.Episodes.ByKind.Select(k => $"{k.Key}: {k.Value}"));
        Assert.Equal(30, summary.Episodes.MeanReturn);
        Assert.Equal("3 episodes (1 evaluation, 2 training), mean return 30", summary.Episodes.ToString());
        Assert.Equal(40, Assert.Single(summary.Issues).Offset);
    }

    [Fact]
    public void Runs_are_listed_in_the_set_order_and_agree_with_describing_each_alone()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 9; i++)
            dir.Write($"sweep/lr={i}/metrics.jsonl", string.Concat(Enumerable.Range(0, 10 + i).Select(s => $"{{\"step\":{s},\"loss\":{s * i}}}\n")));

        var runs = Runs.Load(dir.Path);
        var listing = runs.Describe();

        Assert.Equal(runs.Select(r => r.Name), listing.Select(r => r.Name));
        foreach (var run in runs)
        {
            var alone = Runs.Load(run.Info.Root).Describe().Single();
            Assert.Equal(alone.Metrics, listing[run.Name].Metrics);
            Assert.Equal(alone.Records, listing[run.Name].Records);
        }
    }

    [Fact]
    public void The_short_config_shows_what_tells_a_run_from_its_sweep_and_never_the_seed()
    {
        using var dir = new TempDir();
        foreach (var (name, lr, seed) in new[] { ("a", 0.1, 0), ("b", 0.2, 1) })
        {
            dir.Write($"sweep/{name}/metrics.jsonl", "{\"step\":0,\"loss\":1}\n");
            dir.Write($"sweep/{name}/config.json", $"{{\"env\": \"CartPole\", \"lr\": {lr}, \"seed\": {seed}}}");
        }
        dir.Write("other/metrics.jsonl", "{\"step\":0,\"loss\":1}\n");
        dir.Write("other/config.json", "{\"env\": \"Pendulum\", \"gamma\": 0.9, \"seed\": 3}");

        var listing = Runs.Load(dir.Path).Describe();

        Assert.Equal("lr=0.1", listing.ShortConfig(listing["sweep/a"]));
        Assert.Equal("lr=0.2", listing.ShortConfig(listing["sweep/b"]));
        Assert.Equal("env=Pendulum gamma=0.9", listing.ShortConfig(listing["other"]));
        Assert.Equal("env=Pendu…", listing.ShortConfig(listing["other"], maxLength: 10));
    }

    [Fact]
    public void Every_sample_run_is_listed()
    {
        var runs = Runs.Load(TestPaths.SampleRuns);

        var listing = runs.Describe();

        Assert.Equal(runs.Select(r => r.Name), listing.Select(r => r.Name));
        Assert.Equal(runs.Select(r => r.Info.Format), listing.Select(r => r.Format));
        // Independent count: `find sample-runs/cartpole-ppo -name metrics.jsonl | wc -l` gives 27 (9 settings x 3 seeds);
        // each is listed with its metrics.
        var cartpole = Directory.GetFiles(Path.Combine(TestPaths.SampleRuns, "cartpole-ppo"), "metrics.jsonl", SearchOption.AllDirectories);
        Assert.Equal(27, cartpole.Length);
        foreach (var file in cartpole)
            Assert.Contains(listing, r => r.Root == Path.GetDirectoryName(file) && r.Metrics.Count > 0);
        Assert.Empty(listing.AllIssues);
    }

    /// <summary>
    /// Verified with /usr/bin/python3 over sample-runs/cartpole-ppo/lr=0.0003,batch=512/seed_0/metrics.jsonl (each
    /// line's "metrics" object, step from "step"):
    /// <code>
    /// for l in open('metrics.jsonl'): r = json.loads(l); [pts[k].append((r['step'], v)) for k, v in r['metrics'].items()]
    /// print(k, len(v), finite count, min/max step of finite values, min/max finite value)
    /// </code>
    /// 48 lines; every value finite; 21 metrics: 15 in all 48 lines, the 6 episode statistics (no episode ended in
    /// 2 of the updates) in 46; steps 0..94 for all.
    /// </summary>
    [Theory]
    [InlineData("action_prob_left", 48, 0.4569017008196232, 0.5718803033113226)]
    [InlineData("approx_kl", 48, 9.58180053206093e-06, 0.0029771586283895922)]
    [InlineData("clip_fraction", 48, 0, 0.0009765625)]
    [InlineData("entropy", 48, 0.5568119210276746, 0.691867705093298)]
    [InlineData("env_steps", 48, 512, 48640)]
    [InlineData("episode_length_mean", 46, 20.136363636363637, 336.5)]
    [InlineData("episode_return_max", 46, 36, 500)]
    [InlineData("episode_return_std", 46, 0, 202.6858543548502)]
    [InlineData("episodes", 46, 1, 22)]
    [InlineData("explained_variance", 48, -0.33277075030402514, 0.43356344552542914)]
    [InlineData("learning_rate", 48, 0.0003, 0.0003)]
    [InlineData("policy_loss", 48, -0.005847724235493202, 0.00028881691851066966)]
    [InlineData("success_rate", 46, 0, 0.3333333333333333)]
    [InlineData("value_loss", 48, 36.47783193736425, 102.81149091345156)]
    public void A_cartpole_seed_has_the_independently_counted_points_of_each_metric(string name, long points, double min, double max)
    {
        var folder = Path.Combine(TestPaths.SampleRuns, "cartpole-ppo", "lr=0.0003,batch=512", "seed_0");
        var metricsFile = Path.Combine(folder, "metrics.jsonl");
        var run = SampleListing.Value.Single(r => r.Root == folder);

        Assert.Equal(new MetricSummary("metrics." + name, points, points, 0, 0, 94, min, max), run.Metric("metrics." + name));
        Assert.Equal(21, run.Metrics.Count(m => m.Name.StartsWith("metrics.", StringComparison.Ordinal)));
        Assert.Equal(0.0003, run.Config["learning_rate"].Number);
        Assert.Equal(512, run.Config["batch_size"].Number);
        Assert.Equal(0, run.Seed);
        Assert.True(File.Exists(metricsFile));
    }

    [Fact]
    public void A_listing_is_a_table_with_one_row_per_run_then_every_issue()
    {
        using var dir = new TempDir();
        dir.Write("a/metrics.jsonl", KnownRecords);
        dir.Write("b/metrics.jsonl", "{\"step\":0,\"loss\":1}\nnot json\n{\"step\":1,\"loss\":2}\n");

        var listing = Runs.Load(dir.Path).Describe();
        var html = listing.ToHtml();

        Assert.StartsWith("<div class=\"runlens runlens-listing\"><style>", html, StringComparison.Ordinal);
        Assert.Contains("<th>name</th><th>format</th><th>variant</th><th class=\"num\">seed</th><th>hyperparameters</th>"
            + "<th class=\"num\">metrics</th><th class=\"num\">points</th><th>steps</th><th class=\"num\">episodes</th>"
            + "<th class=\"num\">issues</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a</td><td>json-log</td><td></td><td class=\"num\"></td><td></td><td class=\"num\">2</td>"
            + "<td class=\"num\">7</td><td>0..30</td><td class=\"num\">0</td><td class=\"num\">0</td>", html, StringComparison.Ordinal);
        // Two runs, one issue: a header and a row each.
        Assert.Equal(2 + 1 + 1 + 1, Regex.Matches(html, "<tr>").Count);
        Assert.Contains("2 runs under", listing.ToString(), StringComparison.Ordinal);
        Assert.Contains("\na (json-log): 2 metrics, 7 points, steps 0..30", listing.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_summary_shows_its_metrics_and_renders_the_same_under_a_comma_culture()
    {
        using var dir = new TempDir();
        dir.Write("ppo/metrics.jsonl", KnownRecords);
        dir.Write("ppo/config.json", "{\"lr\": 0.001}");
        var listing = Runs.Load(dir.Path).Describe();
        var invariant = (listing.ToHtml(), listing[0].ToHtml(), listing.ToString());

        using (new CultureScope("de-DE"))
            Assert.Equal(invariant, (listing.ToHtml(), listing[0].ToHtml(), listing.ToString()));
        Assert.Contains("<h4>Hyperparameters</h4><table><thead><tr><th>key</th><th>value</th></tr></thead><tbody><tr><td>lr</td><td>0.001</td>",
            invariant.Item2, StringComparison.Ordinal);
        Assert.Contains("<tr><td>loss</td><td class=\"num\">4</td><td class=\"num\">2</td><td class=\"num\">0</td>"
            + "<td class=\"num\">20</td><td class=\"num\">0.5</td><td class=\"num\">1.5</td></tr>", invariant.Item2, StringComparison.Ordinal);
    }

    private sealed class FixedEpisodes(RunFile file, IReadOnlyList<Episode> episodes, LoadIssue issue) : IEpisodeSource
    {
        public RunFile File { get; } = file;

        public IEnumerable<Episode> Read(List<LoadIssue> issues)
        {
            issues.Add(issue);
            return episodes;
        }
    }
}
