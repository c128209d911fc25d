using System.Text.Json;
using RunLens.Cli.Reports;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class ListCommandTests
{
    /// <summary>
    /// Checkable by eye: <c>loss</c> is 1.5, NaN, 0.5 at steps 0, 10, 20 (3 points, 2 finite, finite steps 0..20);
    /// <c>entropy</c> is 0.7 and 0.9 at steps 0 and 20.
    /// </summary>
    private const string KnownRecords =
        "{\"step\":0,\"loss\":1.5,\"entropy\":0.7}\n{\"step\":10,\"loss\":NaN}\n{\"step\":20,\"loss\":0.5,\"entropy\":0.9}\n";

    [Fact]
    public void Json_output_is_exactly_one_object_with_each_runs_exact_metrics()
    {
        using var dir = new TempDir();
        dir.Write("ppo/metrics.jsonl", KnownRecords);
        dir.Write("ppo/config.json", "{\"lr\": 0.001, \"seed\": 4, \"env\": \"CartPole-v1\", \"double\": true}");

        var (exit, output, error) = CliRunner.Run("ls", dir.Path, "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(dir.Path, root.GetProperty("root").GetString());
        Assert.Equal(0, root.GetProperty("issues").GetArrayLength());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());
        Assert.Equal("ppo", run.GetProperty("name").GetString());
        Assert.Equal("json-log", run.GetProperty("format").GetString());
        Assert.Equal(4, run.GetProperty("seed").GetInt64());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("variant").ValueKind);
        var hp = run.GetProperty("hyperparameters");
        Assert.Equal(0.001, hp.GetProperty("lr").GetDouble());
        Assert.Equal("CartPole-v1", hp.GetProperty("env").GetString());
        Assert.True(hp.GetProperty("double").GetBoolean());
        Assert.Equal(1, run.GetProperty("files").GetInt32());
        Assert.Equal(KnownRecords.Length, run.GetProperty("bytes").GetInt64());
        Assert.Equal(["entropy", "loss"], run.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var loss = run.GetProperty("metrics")[1];
        Assert.Equal((3, 2, 1), (loss.GetProperty("points").GetInt64(), loss.GetProperty("finite").GetInt64(), loss.GetProperty("nonFinite").GetInt64()));
        Assert.Equal((0, 20), (loss.GetProperty("firstStep").GetInt64(), loss.GetProperty("lastStep").GetInt64()));
        Assert.Equal((0.5, 1.5), (loss.GetProperty("min").GetDouble(), loss.GetProperty("max").GetDouble()));
        Assert.Equal(0, run.GetProperty("episodes").GetProperty("count").GetInt32());
        Assert.Equal(0, run.GetProperty("issues").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, run.GetProperty("skipped").ValueKind);
        Assert.Equal(JsonValueKind.Object, run.GetProperty("tags").ValueKind);
        Assert.Equal(JsonValueKind.Array, run.GetProperty("notes").ValueKind);
    }

    [Fact]
    public void A_broken_line_exits_2_with_the_issue_in_its_runs_json()
    {
        using var dir = new TempDir();
        var file = dir.Write("run/metrics.jsonl", "{\"step\":0,\"loss\":1}\n{\"step\":1,\"lo\n{\"step\":2,\"loss\":3}\n");

        var (exit, output, _) = CliRunner.Run("ls", dir.Path, "--json");

        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(output);
        var run = doc.RootElement.GetProperty("runs")[0];
        var issue = Assert.Single(run.GetProperty("issues").EnumerateArray().ToList());
        Assert.Equal(file, issue.GetProperty("file").GetString());
        Assert.Equal(2, issue.GetProperty("line").GetInt64());
        Assert.Equal("{\"step\":0,\"loss\":1}\n".Length, issue.GetProperty("offset").GetInt64());
        Assert.Equal(1, run.GetProperty("skipped").GetProperty("invalid JSON").GetInt64());
        Assert.Equal(2, run.GetProperty("metrics")[0].GetProperty("points").GetInt64());
    }

    [Fact]
    public void A_metric_without_finite_values_has_null_extremes_and_steps_in_json()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\":0,\"kl\":NaN}\n{\"step\":1,\"kl\":Infinity}\n");

        var (exit, output, _) = CliRunner.Run("ls", dir.Path, "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var kl = doc.RootElement.GetProperty("runs")[0].GetProperty("metrics")[0];
        Assert.Equal((2, 0, 2), (kl.GetProperty("points").GetInt64(), kl.GetProperty("finite").GetInt64(), kl.GetProperty("nonFinite").GetInt64()));
        foreach (var name in new[] { "min", "max", "firstStep", "lastStep" })
            Assert.Equal(JsonValueKind.Null, kl.GetProperty(name).ValueKind);
    }

    [Fact]
    public void A_runs_summary_table_is_in_its_json_and_after_the_text_table()
    {
        using var dir = new TempDir();
        dir.Write("run/metrics.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");
        dir.Write("run/results.csv", "key,value\nfinal_return,200\nbest,250\n");

        var (exit, output, error) = CliRunner.Run("ls", dir.Path, "--json");
        var (_, text, _) = CliRunner.Run("ls", dir.Path);

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal(200, run.GetProperty("summary").GetProperty("final_return").GetDouble());
        Assert.Equal(250, run.GetProperty("summary").GetProperty("best").GetDouble());
        Assert.Equal(1, run.GetProperty("files").GetInt32());
        Assert.Contains("run: best=250 final_return=200", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_hyperparameters_are_written_as_strings()
    {
        var config = new Dictionary<string, ConfigValue>
        {
            ["nan"] = ConfigValue.Of(double.NaN), ["inf"] = ConfigValue.Of(double.PositiveInfinity),
            ["neg"] = ConfigValue.Of(double.NegativeInfinity), ["lr"] = ConfigValue.Of(0.5),
        };
        var run = new ListedRun("r", "json-log", "/r", null, null, null, null, config, new Dictionary<string, string>(), [], 0, 0, 0,
            null, null, [], new ListedEpisodes(0, new Dictionary<string, int>(), null), [], new Dictionary<string, long>(),
            new Dictionary<string, ConfigValue>());

        var json = JsonSerializer.Serialize(new ListReport("/", [run], []), ListJsonContext.Default.ListReport);

        using var doc = JsonDocument.Parse(json);
        var hp = doc.RootElement.GetProperty("runs")[0].GetProperty("hyperparameters");
        Assert.Equal(("NaN", "Infinity", "-Infinity"), (hp.GetProperty("nan").GetString(), hp.GetProperty("inf").GetString(), hp.GetProperty("neg").GetString()));
        Assert.Equal(0.5, hp.GetProperty("lr").GetDouble());
    }

    [Fact]
    public void The_table_has_one_line_per_run_then_the_issues()
    {
        using var dir = new TempDir();
        dir.Write("sweep/lr=0.1/metrics.jsonl", KnownRecords);
        dir.Write("sweep/lr=0.1/config.json", "{\"lr\": 0.1, \"seed\": 1}");
        var broken = dir.Write("sweep/lr=0.2/metrics.jsonl", "{\"step\":0,\"loss\":1}\nnot json\n{\"step\":5,\"loss\":2}\n");
        dir.Write("sweep/lr=0.2/config.json", "{\"lr\": 0.2, \"seed\": 2}");

        var (exit, output, _) = CliRunner.Run("ls", dir.Path);

        Assert.Equal(2, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("2 runs under " + dir.Path, lines[0]);
        Assert.Matches(@"^name\s+format\s+variant\s+seed\s+hyperparameters\s+metrics\s+points\s+steps\s+episodes\s+issues$", lines[2]);
        // The hyperparameter-named folder is the variant (guessed from the layout; the notes say so).
        Assert.Matches(@"^sweep/lr=0\.1\s+json-log\s+lr=0\.1\s+1\s+lr=0\.1\s+2\s+5\s+0\.\.20\s+0\s+0$", lines[3]);
        Assert.Matches(@"^sweep/lr=0\.2\s+json-log\s+lr=0\.2\s+2\s+lr=0\.2\s+1\s+2\s+0\.\.5\s+0\s+1$", lines[4]);
        Assert.Equal("1 issue:", lines[6]);
        Assert.StartsWith(broken + ":2 (byte 20): invalid JSON", lines[7], StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_without_runs_is_a_user_error_that_says_what_was_expected()
    {
        using var dir = new TempDir();

        var (exit, output, error) = CliRunner.Run("ls", Path.Combine(dir.Path, "missing"), "--json");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("runlens ls: No file or folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_run_is_listed_with_its_metrics()
    {
        var runs = Runs.Load(TestPaths.SampleRuns);

        var (exit, output, _) = CliRunner.Run("ls", TestPaths.SampleRuns, "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var listed = doc.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(runs.Select(r => r.Name), listed.Select(r => r.GetProperty("name").GetString()));
        // Every run has metrics except the expert demonstrations, which are episodes only (6 trajectories).
        Assert.All(listed.Where(r => r.GetProperty("format").GetString() != "trajectories"), r => Assert.NotEqual(0, r.GetProperty("metrics").GetArrayLength()));
        var expert = listed.Single(r => r.GetProperty("format").GetString() == "trajectories");
        Assert.Equal(6, expert.GetProperty("episodes").GetProperty("count").GetInt32());
        // The cartpole run's 21 metrics.* fields (see RunSummaryTests for the independent count).
        var cartpole = listed.Single(r => r.GetProperty("name").GetString() == "cartpole-ppo/lr=0.0003,batch=512/seed_0");
        var entropy = cartpole.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "metrics.entropy");
        Assert.Equal((48, 0, 94), (entropy.GetProperty("points").GetInt64(), entropy.GetProperty("firstStep").GetInt64(), entropy.GetProperty("lastStep").GetInt64()));
    }
}
