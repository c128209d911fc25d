using System.Diagnostics;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public partial class CompareCommandTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// The acceptance check of issue 7: <c>runlens compare --json</c> on the CartPole sweep (27 independent JSON-lines
    /// runs, the MLflow mirror left out with <c>--format json-log</c>), grouped by learning rate with <c>--last 10</c>
    /// and <c>--gamma 300</c>, against compare_reference.py, which reads the metrics.jsonl files with the standard
    /// library only. Point estimates (scores, n, mean, median, IQM, std, gap, P(X &gt; Y)) and the Student-t interval
    /// agree to 1e-9; the bootstrap intervals, made by different generators with 20,000 reps each, agree within 10% of
    /// the group's score range (IQM, gap) and 0.05 (probabilities).
    /// </summary>
    [Fact]
    public void Json_on_the_CartPole_sweep_matches_an_independent_python_computation()
    {
        if (!File.Exists(Python))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"{Python} is missing on CI; the reference check needs it.");
            Console.WriteLine($"SKIPPED: {Python} not found, so compare_reference.py cannot run.");
            return;
        }
        var sweep = Path.Combine(TestPaths.SampleRuns, "cartpole-ppo");
        var script = Path.Combine(TestPaths.RepoRoot, "tests", "RunLens.Cli.Tests", "compare_reference.py");

        var (exit, output, error) = CliRunner.Run("compare", sweep, "--metric", "metrics.episode_return_mean", "--group-by", "learning_rate",
            "--last", "10", "--gamma", "300", "--format", "json-log", "--reps", "20000", "--seed", "3", "--json");
        var (pyExit, pyOutput) = RunPython(script, sweep, "learning_rate", "10", "20000", "1", "300");

        Assert.True(exit == 0, error);
        Assert.True(pyExit == 0, pyOutput);
        using var ours = JsonDocument.Parse(output);
        using var reference = JsonDocument.Parse(pyOutput);
        var root = ours.RootElement;
        Assert.Equal("json-log", root.GetProperty("format").GetString());
        Assert.Equal(20000, root.GetProperty("bootstrap").GetProperty("reps").GetInt32());
        Assert.Equal(3ul, root.GetProperty("bootstrap").GetProperty("seed").GetUInt64());
        Assert.Equal(300, root.GetProperty("gamma").GetDouble());

        // Every run, by name: the same 27 runs, seeds, window sizes and scores.
        var runs = root.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("runs").EnumerateArray().Select(r => (Group: g.GetProperty("group").GetString()!, Run: r)))
            .ToDictionary(x => x.Run.GetProperty("run").GetString()!);
        var expectedRuns = reference.RootElement.GetProperty("runs").EnumerateObject().ToList();
        Assert.Equal(27, expectedRuns.Count);
        Assert.Equal(expectedRuns.Select(r => r.Name).Order(StringComparer.Ordinal), runs.Keys.Order(StringComparer.Ordinal));
        foreach (var expected in expectedRuns)
        {
            var (group, run) = runs[expected.Name];
            Assert.Equal(expected.Value.GetProperty("group").GetString(), group);
            Assert.Equal(expected.Value.GetProperty("seed").GetInt64(), run.GetProperty("seed").GetInt64());
            Assert.Equal(expected.Value.GetProperty("points").GetInt32(), run.GetProperty("points").GetInt32());
            Close(expected.Value, run, "score", 1e-9, expected.Name);
        }

        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        var expectedGroups = reference.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(expectedGroups.Select(g => g.GetProperty("group").GetString()), groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal(["learning_rate=0.0001", "learning_rate=0.0003", "learning_rate=0.001"], groups.Select(g => g.GetProperty("group").GetString()));
        foreach (var (group, expected) in groups.Zip(expectedGroups))
        {
            var label = group.GetProperty("group").GetString()!;
            Assert.Equal(9, group.GetProperty("n").GetInt32());
            Assert.Equal(expected.GetProperty("n").GetInt32(), group.GetProperty("n").GetInt32());
            foreach (var exact in new[] { "mean", "median", "iqm", "std", "optimalityGap", "meanLower", "meanUpper" })
                Close(expected, group, exact, 1e-9, label);
            var scores = group.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("score").GetDouble()).ToList();
            var tolerance = 0.1 * (scores.Max() - scores.Min());
            foreach (var bound in new[] { "iqmLower", "iqmUpper", "gapLower", "gapUpper" })
                Close(expected, group, bound, tolerance, label);
        }

        var pairs = root.GetProperty("improvement").EnumerateArray().ToList();
        var expectedPairs = reference.RootElement.GetProperty("improvement").EnumerateArray().ToList();
        Assert.Equal(6, pairs.Count);
        foreach (var expected in expectedPairs)
        {
            var (x, y) = (expected.GetProperty("x").GetString(), expected.GetProperty("y").GetString());
            var pair = pairs.Single(p => p.GetProperty("x").GetString() == x && p.GetProperty("y").GetString() == y);
            Close(expected, pair, "probability", 1e-9, $"P({x} > {y})");
            Close(expected, pair, "lower", 0.05, $"P({x} > {y})");
            Close(expected, pair, "upper", 0.05, $"P({x} > {y})");
        }
    }

    private static void Close(JsonElement expected, JsonElement actual, string property, double tolerance, string what)
    {
        var e = expected.GetProperty(property).GetDouble();
        var a = actual.GetProperty(property).GetDouble();
        Assert.True(Math.Abs(e - a) <= tolerance, $"{what} {property}: RunLens {a:R}, reference {e:R} (tolerance {tolerance:G3})");
    }

    private static (int Exit, string Output) RunPython(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? (0, stdout) : (process.ExitCode, stdout + stderr.Result);
    }
}
