using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary><c>runlens compare</c>: hand-checkable fixtures, the CartPole sweep, the page and the user errors.</summary>
public partial class CompareCommandTests
{
    private const string Metric = "metrics.episode_return_mean";

    private static string Sweep => Path.Combine(TestPaths.SampleRuns, "cartpole-ppo");

    /// <summary>
    /// Four runs whose final value (the value at the last step: <c>--last 1</c>) is 1, 2, 4 (lr 0.1) and 3 (lr 0.2).
    /// lr 0.1: n 3, mean 7/3, median 2, IQM 7/3 (int(0.75) = 0 cut), std sqrt(7/3); lr 0.2: one run, so no interval.
    /// P(0.1 &gt; 0.2) = 1/3 (only 4 beats 3), P(0.2 &gt; 0.1) = 2/3.
    /// </summary>
    private static TempDir Fixture()
    {
        var dir = new TempDir();
        foreach (var (name, lr, final) in new[] { ("a", "0.1", "1"), ("b", "0.1", "2"), ("c", "0.1", "4"), ("d", "0.2", "3") })
        {
            dir.Write($"{name}/metrics.jsonl", $"{{\"step\":0,\"score\":100}}\n{{\"step\":5,\"score\":{final}}}\n");
            dir.Write($"{name}/config.json", $"{{\"lr\": {lr}, \"seed\": 7}}");
        }
        return dir;
    }

    [Fact]
    public void Json_is_one_object_with_exact_values_and_null_intervals_for_a_group_of_one_run()
    {
        using var dir = Fixture();

        var (exit, output, error) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--group-by", "lr", "--last", "1", "--json");

        Assert.True(exit == 0, error);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("score", root.GetProperty("metric").GetString());
        Assert.Equal("lr", root.GetProperty("groupBy").GetString());
        Assert.Contains("last 1 steps", root.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gamma").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("format").ValueKind);
        var bootstrap = root.GetProperty("bootstrap");
        Assert.Equal((2000, 0ul, 0.95), (bootstrap.GetProperty("reps").GetInt32(), bootstrap.GetProperty("seed").GetUInt64(), bootstrap.GetProperty("confidence").GetDouble()));

        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["lr=0.1", "lr=0.2"], groups.Select(g => g.GetProperty("group").GetString()));
        var three = groups[0];
        Assert.Equal(3, three.GetProperty("n").GetInt32());
        Assert.Equal(7.0 / 3, three.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, three.GetProperty("median").GetDouble());
        Assert.Equal(7.0 / 3, three.GetProperty("iqm").GetDouble(), 12);
        Assert.Equal(Math.Sqrt(7.0 / 3), three.GetProperty("std").GetDouble(), 12);
        Assert.True(three.GetProperty("meanLower").GetDouble() < 7.0 / 3 && three.GetProperty("meanUpper").GetDouble() > 7.0 / 3);
        Assert.Equal(JsonValueKind.Null, three.GetProperty("optimalityGap").ValueKind);
        Assert.Equal(["a", "b", "c"], three.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run").GetString()));
        var first = three.GetProperty("runs")[0];
        Assert.Equal((7L, 1.0, 1), (first.GetProperty("seed").GetInt64(), first.GetProperty("score").GetDouble(), first.GetProperty("points").GetInt32()));

        var one = groups[1];
        Assert.Equal((1, 3.0, 3.0, 3.0), (one.GetProperty("n").GetInt32(), one.GetProperty("mean").GetDouble(), one.GetProperty("median").GetDouble(), one.GetProperty("iqm").GetDouble()));
        foreach (var nulled in new[] { "meanLower", "meanUpper", "iqmLower", "iqmUpper", "std" })
            Assert.Equal(JsonValueKind.Null, one.GetProperty(nulled).ValueKind);

        var pairs = root.GetProperty("improvement").EnumerateArray().ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Equal(("lr=0.1", "lr=0.2"), (pairs[0].GetProperty("x").GetString(), pairs[0].GetProperty("y").GetString()));
        Assert.Equal(1.0 / 3, pairs[0].GetProperty("probability").GetDouble(), 12);
        Assert.Equal(2.0 / 3, pairs[1].GetProperty("probability").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, pairs[0].GetProperty("lower").ValueKind);
        var note = Assert.Single(root.GetProperty("notes").EnumerateArray().ToList());
        Assert.StartsWith("lr=0.2: one run only", note.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gamma_adds_the_optimality_gap_with_its_interval()
    {
        using var dir = Fixture();

        var (exit, output, _) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--group-by", "lr", "--last", "1", "--gamma", "3", "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var three = doc.RootElement.GetProperty("groups")[0];
        // 3 - mean(min(1, 3), min(2, 3), min(4, 3)) = 3 - 2 = 1.
        Assert.Equal(1, three.GetProperty("optimalityGap").GetDouble(), 12);
        Assert.True(three.GetProperty("gapLower").GetDouble() <= 1 && three.GetProperty("gapUpper").GetDouble() >= 1);
        Assert.Equal(3, doc.RootElement.GetProperty("gamma").GetDouble());
    }

    [Fact]
    public void Text_output_is_the_markdown_table_then_the_improvement_matrix_then_the_notes()
    {
        using var dir = Fixture();

        var (exit, output, _) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--group-by", "lr", "--last", "1");

        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("| group | n | mean | mean CI | median | IQM | IQM CI |", lines[0]);
        Assert.StartsWith("| lr=0.1 | 3 | 2.333 | [", lines[2], StringComparison.Ordinal);
        Assert.Equal("| lr=0.2 | 1 | 3 | n/a | 3 | 3 | [3, 3] |", lines[3]);
        var matrix = lines.IndexOf("| P(row > column) | lr=0.1 | lr=0.2 |");
        Assert.True(matrix > 3, output);
        // A group of one run: the estimate without an interval.
        Assert.Equal("| lr=0.1 |  | 0.33 |", lines[matrix + 2]);
        Assert.Equal("| lr=0.2 | 0.67 |  |", lines[matrix + 3]);
        var notes = lines.IndexOf("Notes:");
        Assert.True(notes > matrix, output);
        Assert.StartsWith("- lr=0.2: one run only", lines[notes + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_x_option_aligns_the_pages_curves_on_another_field()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "x.html");

        var (exit, _, error) = CliRunner.Run("compare", Sweep, "--metric", Metric, "--group-by", "learning_rate",
            "--format", "json-log", "--reps", "100", "--x", "metrics.env_steps", "--html", page);

        Assert.True(exit == 0, error);
        var html = File.ReadAllText(page);
        // The curves' subtitle names the x field, and the x axis is titled with it.
        Assert.Contains("x: metrics.env_steps", html, StringComparison.Ordinal);
        Assert.Contains("\"title\":{\"text\":\"metrics.env_steps\"}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_is_standalone_with_the_table_the_charts_and_the_data()
    {
        using var dir = new TempDir();
        var page = Path.Combine(dir.Path, "out", "compare.html");

        var (exit, output, error) = CliRunner.Run("compare", Sweep, "--metric", Metric, "--group-by", "learning_rate,batch_size",
            "--last", "10", "--format", "json-log", "--reps", "200", "--html", page);

        Assert.True(exit == 0, error);
        Assert.StartsWith("| group |", output, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(page), error, StringComparison.Ordinal);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        // plotly.js inline exactly once.
        var plotly = html.IndexOf(PlotlyJs.Script, StringComparison.Ordinal);
        Assert.True(plotly > 0);
        Assert.Equal(plotly, html.LastIndexOf(PlotlyJs.Script, StringComparison.Ordinal));
        Assert.Contains("runlens-comparison", html, StringComparison.Ordinal);
        Assert.Contains("learning_rate=0.001,batch_size=512", html, StringComparison.Ordinal);
        // Curves over training, intervals, probability of improvement, profile, and for two hyperparameters the heatmap
        // and parallel coordinates.
        Assert.Equal(6, Regex.Count(html, "class=\"runlens-figure\""));
        Assert.Contains("\"type\":\"heatmap\"", html, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"parcoords\"", html, StringComparison.Ordinal);
        Assert.Contains("Performance profile", html, StringComparison.Ordinal);
        var data = Regex.Match(html, "<script type=\"application/json\" id=\"runlens-compare-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(data.Success);
        using var doc = JsonDocument.Parse(data.Groups[1].Value);
        Assert.Equal(9, doc.RootElement.GetProperty("groups").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("groups").EnumerateArray(), g => Assert.Equal(3, g.GetProperty("n").GetInt32()));
        Assert.Equal(72, doc.RootElement.GetProperty("improvement").GetArrayLength());
    }

    [Fact]
    public void The_page_of_a_group_of_one_run_still_draws_and_says_why_there_is_no_interval()
    {
        using var dir = Fixture();
        var page = Path.Combine(dir.Path, "compare.html");

        var (exit, _, error) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--group-by", "lr", "--last", "1", "--html", page);

        Assert.True(exit == 0, error);
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("<script src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lr=0.2: one run only", html, StringComparison.Ordinal);
        Assert.True(Regex.Count(html, "class=\"runlens-figure\"") >= 4, "curves, intervals, improvement, profile");
    }

    [Fact]
    public void Episodes_scores_each_runs_last_episode_returns()
    {
        var (exit, output, error) = CliRunner.Run("compare", Sweep, "--episodes", "4", "--group-by", "learning_rate", "--format", "json-log", "--reps", "100", "--json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("episode return", doc.RootElement.GetProperty("metric").GetString());
        var run = doc.RootElement.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("runs").EnumerateArray())
            .Single(r => r.GetProperty("run").GetString() == "lr=0.001,batch=512/seed_0");
        // The mean of the last four "return" values of its episodes.jsonl, read here line by line.
        var returns = File.ReadLines(Path.Combine(Sweep, "lr=0.001,batch=512", "seed_0", "episodes.jsonl"))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("return").GetDouble()).ToList();
        Assert.Equal(4, run.GetProperty("points").GetInt32());
        Assert.Equal(returns.TakeLast(4).Average(), run.GetProperty("score").GetDouble(), 9);
    }

    [Fact]
    public void A_folder_holding_the_same_runs_in_two_formats_gets_a_note_naming_them()
    {
        var (exit, output, _) = CliRunner.Run("compare", Sweep, "--metric", Metric, "--group-by", "learning_rate", "--reps", "50", "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        // The MLflow mirror logs the metric as episode_return_mean, so here its runs are left out (27 notes), not doubled.
        Assert.Equal(9, doc.RootElement.GetProperty("groups")[0].GetProperty("n").GetInt32());
        Assert.Equal(28, doc.RootElement.GetProperty("notes").GetArrayLength());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n =>
            n.GetString()!.Contains("json-log (27 runs), mlflow (27 runs)", StringComparison.Ordinal) && n.GetString()!.Contains("--format", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_metric_exits_1_naming_metrics_that_exist()
    {
        using var dir = Fixture();

        var (exit, output, error) = CliRunner.Run("compare", dir.Path, "--metric", "rewards.total", "--group-by", "lr");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("no run has a metric 'rewards.total'", error, StringComparison.Ordinal);
        Assert.Contains("score", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--group-by", "lr" }, "either --metric")]
    [InlineData(new[] { "--metric", "score", "--episodes", "5" }, "either --metric")]
    [InlineData(new[] { "--episodes", "5", "--last", "3" }, "--last K")]
    [InlineData(new[] { "--metric", "score", "--last", "0" }, "--last")]
    [InlineData(new[] { "--metric", "score", "--reps", "0" }, "--reps")]
    [InlineData(new[] { "--metric", "score", "--group-by", "batch" }, "No run has a hyperparameter named batch")]
    [InlineData(new[] { "--metric", "score", "--format", "mlflow" }, "Formats there: json-log (4 runs)")]
    public void Wrong_options_exit_1_saying_what_to_do(string[] options, string message)
    {
        using var dir = Fixture();

        var (exit, output, error) = CliRunner.Run(["compare", dir.Path, .. options]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("runlens compare: ", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_exits_1()
    {
        using var dir = new TempDir();

        var (exit, output, error) = CliRunner.Run("compare", Path.Combine(dir.Path, "nothing"), "--metric", "score");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("runlens compare: ", error, StringComparison.Ordinal);
    }
}
