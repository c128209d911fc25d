using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using RunLens.TestSupport;
using RunLens.Tests.Writing;

namespace RunLens.Tests.SampleRuns;

/// <summary>The checked-in sample runs, read independently of the RunLens readers.</summary>
public class SampleRunFormatsTests
{
    private static string CartPole => Path.Combine(TestPaths.SampleRuns, "cartpole-ppo");

    [Fact]
    public void Each_cartpole_run_agrees_point_for_point_across_jsonl_tensorboard_and_mlflow()
    {
        var mlruns = Path.Combine(CartPole, "mlruns", "1");
        var mlflowRuns = Directory.GetDirectories(mlruns).ToDictionary(
            d => File.ReadAllText(Path.Combine(d, "tags", "mlflow.runName")), d => d, StringComparer.Ordinal);
        var runs = Directory.GetFiles(CartPole, "metrics.jsonl", SearchOption.AllDirectories);
        Assert.Equal(27, runs.Length);
        foreach (var metrics in runs)
        {
            var dir = Path.GetDirectoryName(metrics)!;
            var jsonl = File.ReadLines(metrics).Select(l => JsonDocument.Parse(l).RootElement)
                .SelectMany(e => e.GetProperty("metrics").EnumerateObject().Select(p => (Tag: p.Name, Step: e.GetProperty("step").GetInt64(), Value: p.Value.GetDouble())))
                .ToList();
            var events = TfRecordTestReader.Records(File.ReadAllBytes(Directory.GetFiles(Path.Combine(dir, "tensorboard")).Single()))
                .Select(TfRecordTestReader.DecodeEvent).Where(e => e.FileVersion is null)
                .SelectMany(e => e.Values.Select(v => (v.Tag, e.Step, Value: (double)v.Value))).ToList();
            var runName = $"{Path.GetFileName(Path.GetDirectoryName(dir))},seed={Path.GetFileName(dir)["seed_".Length..]}";
            var mlflow = Directory.GetFiles(Path.Combine(mlflowRuns[runName], "metrics"))
                .SelectMany(f => File.ReadLines(f).Select(l => l.Split(' ')).Select(p => (Tag: Path.GetFileName(f), Step: long.Parse(p[2], CultureInfo.InvariantCulture), Value: ParsePython(p[1]))))
                .ToList();

            Assert.True(jsonl.Count > 100, dir);
            Assert.Equal(Sorted(jsonl).Select(p => (p.Tag, p.Step)), Sorted(events).Select(p => (p.Tag, p.Step)));
            Assert.Equal(Sorted(jsonl).Select(p => (p.Tag, p.Step)), Sorted(mlflow).Select(p => (p.Tag, p.Step)));
            // MLflow keeps doubles exactly; TensorBoard's simple_value is a float32.
            Assert.Equal(Sorted(jsonl).Select(p => p.Value), Sorted(mlflow).Select(p => p.Value));
            Assert.Equal(Sorted(jsonl).Select(p => (double)(float)p.Value), Sorted(events).Select(p => p.Value));
        }
    }

    [Fact]
    public void Exploration_agents_visit_more_distinct_cells_per_episode_late_than_early()
    {
        foreach (var run in Directory.GetDirectories(Path.Combine(TestPaths.SampleRuns, "experiments"), "*", SearchOption.AllDirectories)
                     .Where(d => Directory.Exists(Path.Combine(d, "json_logs"))))
        {
            var cells = new Dictionary<(long Env, long Episode), HashSet<(long, long, long)>>();
            foreach (var file in Directory.GetFiles(Path.Combine(run, "json_logs")))
            {
                using var stream = file.EndsWith(".gz", StringComparison.Ordinal)
                    ? new GZipStream(File.OpenRead(file), CompressionMode.Decompress) : (Stream)File.OpenRead(file);
                foreach (var r in JsonDocument.Parse(stream).RootElement.EnumerateArray())
                {
                    var p = r.TryGetProperty("position", out var nested) ? nested : r;
                    var env = r.TryGetProperty("env", out var e) ? e.GetInt64() : r.GetProperty("env_id").GetInt64();
                    var key = (env, r.GetProperty("step").GetInt64() / 200);
                    if (!cells.TryGetValue(key, out var set))
                        cells[key] = set = [];
                    set.Add((p.GetProperty("map").GetInt64(), p.GetProperty("x").GetInt64(), p.GetProperty("y").GetInt64()));
                }
            }
            var byEpisode = cells.GroupBy(c => c.Key.Episode).OrderBy(g => g.Key).Select(g => g.Average(c => c.Value.Count)).ToList();
            var early = byEpisode.Take(5).Average();
            var late = byEpisode.Skip(byEpisode.Count - 5).Average();
            Assert.True(late > early, $"{run}: {early:0.0} distinct cells per episode early, {late:0.0} late");
        }
    }

    private static List<(string Tag, long Step, double Value)> Sorted(IEnumerable<(string Tag, long Step, double Value)> points) =>
        points.OrderBy(p => p.Tag, StringComparer.Ordinal).ThenBy(p => p.Step).ToList();

    private static double ParsePython(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
