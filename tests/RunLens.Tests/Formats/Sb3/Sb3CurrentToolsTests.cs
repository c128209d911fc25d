using System.Text.Json;
using RunLens.Formats.Sb3;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Sb3;

/// <summary>
/// The SB3 2.8 runs of ../shared/real-runs/current-tools/sb3 (PPO with 4 environments, DQN with 2; monitor/,
/// progress.csv, progress.json, a TensorBoard file, eval/evaluations.npz; PPO's HParam), checked against TRUTH.json,
/// which SB3's own readers wrote (load_results, ts2xy, numpy on the npz, the hparams plugin). The folder is not in the
/// repo: without it the test returns early and says so (to become <c>[RealDataFact("current-tools/sb3")]</c>).
/// </summary>
public class Sb3CurrentToolsTests(ITestOutputHelper output)
{
    [RealDataFact("current-tools/sb3")]
    public void Current_sb3_runs_match_truth_json()
    {
        var folder = RealRuns.Folder("current-tools/sb3", output);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "..", "TRUTH.json")));
        var expected = truth.RootElement.GetProperty("runs").EnumerateArray()
            .Where(r => r.GetProperty("tool").GetString() == "sb3").ToList();

        var runs = Runs.Load(folder);

        // One run per training folder: eval/ belongs to its run.
        Assert.Equal(expected.Select(r => r.GetProperty("path").GetString()!["sb3/".Length..]).Order(StringComparer.Ordinal), runs.Select(r => r.Name));
        foreach (var truthRun in expected)
        {
            var run = runs[truthRun.GetProperty("path").GetString()!["sb3/".Length..]];
            output.WriteLine($"{run.Name}: {string.Join(" | ", run.Info.Notes)}");

            var ts2xy = truthRun.GetProperty("episodes").GetProperty("ts2xy_timesteps");
            var returns = run.Metric(MonitorRecordReader.ReturnField).Points;
            Assert.Equal(ts2xy.GetProperty("points").GetInt32(), returns.Count);
            Assert.Equal(ts2xy.GetProperty("x_min").GetInt64(), returns[0].Step);
            Assert.Equal(ts2xy.GetProperty("x_max").GetInt64(), returns[^1].Step);
            Assert.Equal(ts2xy.GetProperty("first_reward").GetDouble(), returns[0].Value);
            Assert.Equal(ts2xy.GetProperty("last_reward").GetDouble(), returns[^1].Value);
            var times = truthRun.GetProperty("episodes").GetProperty("series").GetProperty("t");
            var training = run.Episodes.Only(EpisodeKinds.Training);
            Assert.Equal(truthRun.GetProperty("episodes").GetProperty("total_episodes").GetInt32(), training.Count);
            Assert.Equal(times.GetProperty("first").GetDouble(), training[0].Time!.Value, 9);
            Assert.Equal(times.GetProperty("last").GetDouble(), training[^1].Time!.Value, 9);

            var evaluations = truthRun.GetProperty("evaluations_npz");
            Assert.Equal(evaluations.GetProperty("eval_episodes_total").GetInt32(), run.Episodes.Only(EpisodeKinds.Evaluation).Count);
            // progress.csv and evaluations.npz both hold eval/mean_reward: the verified copy is not read twice.
            var meanReward = run.Metric(Sb3Evaluations.MeanReward).Points;
            Assert.Equal(evaluations.GetProperty("timesteps").EnumerateArray().Select(t => t.GetInt64()), meanReward.Select(p => p.Step));
            Assert.Equal(evaluations.GetProperty("mean_reward").EnumerateArray().Select(t => t.GetDouble()), meanReward.Select(p => p.Value));
            Assert.Equal(evaluations.GetProperty("evaluations").GetInt32(), run.Metric(Sb3Evaluations.StdReward).Points.Count);

            // Every progress.csv metric has pandas' number of points: progress.json and TensorBoard are verified mirrors.
            foreach (var metric in truthRun.GetProperty("metrics_by_source").GetProperty("progress.csv").GetProperty("metrics").EnumerateObject())
                Assert.True(metric.Value.GetProperty("points").GetInt32() == run.Metric(metric.Name).Points.Count, $"{run.Name} {metric.Name}");
            Assert.Contains(run.Info.Notes, n => n.StartsWith("progress.json was not read: a verified mirror of progress.csv", StringComparison.Ordinal));
            Assert.Contains(run.Info.Notes, n => n.StartsWith("events.out.tfevents.", StringComparison.Ordinal) && n.Contains("was not read: a verified mirror of progress.csv", StringComparison.Ordinal));

            var hyperparameters = truthRun.GetProperty("hyperparameters").EnumerateObject().ToList();
            foreach (var hp in hyperparameters)
            {
                var value = run.Info.Config[hp.Name];
                if (hp.Value.ValueKind == JsonValueKind.Number)
                    Assert.Equal(hp.Value.GetDouble(), value.Number);
                else
                    Assert.Equal(hp.Value.GetString(), value.Text);
            }
            Assert.Equal(hyperparameters.Count > 0, run.Info.Notes.Any(n => n.Contains("SB3's HParam record", StringComparison.Ordinal)));
            Assert.Empty(run.Scan().Issues);
        }
        Assert.Contains(expected, r => r.GetProperty("hyperparameters").EnumerateObject().Any());
    }
}
