using System.Text.Json;
using RunLens.Formats.Mlflow;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats.Mlflow;

/// <summary>The sample MLflow store our writer made, and the real MLflow store in ../shared/real-runs.</summary>
public class MlflowRealRunTests(ITestOutputHelper output)
{
    private const string StockQuant = "mlflow/1234525344__stock-quant";

    [Fact]
    public void The_sample_cartpole_store_reads_back_every_point_of_the_metrics_jsonl_beside_it()
    {
        var cartpole = Path.Combine(TestPaths.SampleRuns, "cartpole-ppo");
        var runs = Runs.Load(Path.Combine(cartpole, "mlruns"));

        Assert.Equal(27, runs.Count);
        Assert.Empty(runs.Issues);
        foreach (var run in runs)
        {
            // The run name is "<variant folder>,seed=<n>"; metrics.jsonl is <variant folder>/seed_<n>/metrics.jsonl.
            var runName = run.Info.SystemTags["mlflow.runName"];
            Assert.Equal("cartpole-ppo/" + runName, run.Name);
            Assert.Equal("FINISHED", run.Info.Status);
            var comma = runName.LastIndexOf(",seed=", StringComparison.Ordinal);
            var jsonl = Path.Combine(cartpole, runName[..comma], "seed_" + runName[(comma + ",seed=".Length)..], "metrics.jsonl");
            // Independent oracle: System.Text.Json over the JSONL the same training wrote.
            var expected = File.ReadLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement)
                .SelectMany(e => e.GetProperty("metrics").EnumerateObject().Select(p =>
                    (Metric: p.Name, Step: e.GetProperty("step").GetInt64(), Value: p.Value.GetDouble(),
                     Millis: (long)(e.GetProperty("wall_time").GetDouble() * 1000.0))))
                .GroupBy(p => p.Metric).ToDictionary(g => g.Key, g => g.ToList());

            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), run.Info.Files.Select(f => ((MlflowMetricSource)f.Source).Key));
            foreach (var (metric, points) in expected)
            {
                var series = run.Metric(metric);
                Assert.Equal(points.Select(p => (p.Step, p.Value)), series.Points.Select(p => (p.Step, p.Value)));
                // MLflow keeps int(wall_time * 1000) milliseconds.
                Assert.Equal(points.Select(p => p.Millis), series.Points.Select(p => (long)Math.Round(p.WallTime!.Value * 1000.0)));
            }
            Assert.Equal(run.Info.Config["seed"].Number, run.Info.Seed);
        }
    }

    [RealDataFact(StockQuant + "/mlruns")]
    public void The_real_file_store_loads_every_run_with_its_points_params_tags_and_status()
    {
        var mlruns = RealRuns.Folder(StockQuant + "/mlruns", output);

        var runs = Runs.Load(mlruns);

        // Independent check (bash in the store):
        //   for r in */*/; do [ -f $r/meta.yaml ] && echo "$r $(grep ^status $r/meta.yaml) $(cat $r/tags/mlflow.runName)"; done
        //   awk 'NR==1{a=$3} {n++; b=$3} END{print n, a, b}' <exp>/<run>/metrics/l2.train    (likewise l2.valid)
        // gives 5 runs in 'Experiment' (3 with status 3, 2 with status 4), 5 in 'qlib_baseline_v2' (all status 4), every run
        // named mlflow_recorder, metric files only in 7 runs, each l2.train and l2.valid with 300 lines, steps 0..299.
        var experiment = runs.Where(r => r.Variant == "Experiment").ToList();
        var baseline = runs.Where(r => r.Variant == "qlib_baseline_v2").ToList();
        Assert.Equal(10, runs.Count);
        Assert.Equal(5, experiment.Count);
        Assert.Equal(5, baseline.Count);
        Assert.Equal(["FAILED", "FAILED", "FINISHED", "FINISHED", "FINISHED"], experiment.Select(r => r.Info.Status!).Order(StringComparer.Ordinal));
        Assert.All(baseline, r => Assert.Equal("FAILED", r.Info.Status));
        Assert.Contains(runs, r => r.Name == "Experiment/mlflow_recorder (929eba63)");
        Assert.All(runs, r => Assert.Equal("mlflow_recorder", r.Info.SystemTags["mlflow.runName"]));
        Assert.All(runs, r => Assert.Equal(["mlflow.runName", "mlflow.source.git.commit", "mlflow.source.name", "mlflow.source.type", "mlflow.user"], r.Info.SystemTags.Keys));
        Assert.All(runs, r => Assert.Equal("lb", r.Info.SystemTags["mlflow.user"]));
        Assert.Equal("python/qlib_service.py train --model-name csi300_lgb_v1 --market csi300 --model-type lgb",
            runs["Experiment/mlflow_recorder (929eba63)"].Info.Config["cmd-sys.argv"].Text);
        Assert.Equal(6, runs.Count(r => r.Info.Config["cmd-sys.argv"].Text == "qlib_baseline.py"));
        Assert.Equal(7, runs.Count(r => r.Info.Files.Count == 2));
        Assert.Equal(3, runs.Count(r => r.Info.Files.Count == 0));
        foreach (var run in runs.Where(r => r.Info.Files.Count > 0))
        {
            var scan = run.Scan();
            Assert.Equal(600, scan.Records);
            Assert.Equal((0L, 299L), (scan.StepMin!.Value, scan.StepMax!.Value));
            Assert.Equal(300, scan.Field("l2.train")!.Count);
            Assert.Equal(300, scan.Field("l2.valid")!.Count);
            // awk '{s+=$2} END{printf "%.10g", s}' l2.train  -> 289.5344114 (l2.valid: 295.6070353)
            Assert.Equal(289.5344114, scan.Field("l2.train")!.Sum, 6);
            Assert.Equal(295.6070353, scan.Field("l2.valid")!.Sum, 6);
            Assert.Empty(scan.Issues);
        }
        Assert.Empty(runs.Issues);
    }

    [RealDataFact(StockQuant)]
    public void The_real_sqlite_store_loads_its_one_run_and_creates_nothing_beside_it()
    {
        var folder = RealRuns.Folder(StockQuant, output);
        var before = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();

        var runs = Runs.Load(folder);

        // sqlite3 -readonly mlflow.db "select * from experiments; select * from runs; select key, value from tags;"
        // gives experiments 0 Default and 1 qlib_baseline_v2; one run 711ccfc2f5744fb3be6391ed0fc253c9 named
        // lightgbm_csi300, status RUNNING, in experiment 1; 5 tags; metrics and params are empty.
        var run = Assert.Single(runs, r => r.Info.Format == "mlflow-sqlite");
        Assert.Equal("qlib_baseline_v2/lightgbm_csi300", run.Name);
        Assert.Equal("RUNNING", run.Info.Status);
        Assert.Equal("qlib_baseline_v2", run.Variant);
        Assert.Empty(run.Info.Config);
        Assert.Empty(run.Info.Files);
        Assert.Equal(new Dictionary<string, string>
        {
            ["mlflow.runName"] = "lightgbm_csi300",
            ["mlflow.source.git.commit"] = "d7bd0b9d9ab667ed59df0c5bcb6ff95dbd59b175",
            ["mlflow.source.name"] = "qlib_baseline.py",
            ["mlflow.source.type"] = "LOCAL",
            ["mlflow.user"] = "lb",
        }, run.Info.SystemTags);
        Assert.Empty(run.Info.Tags);
        // The file store beside the database loads too.
        Assert.Equal(11, runs.Count);
        Assert.Equal(before, Directory.GetFiles(folder).Order(StringComparer.Ordinal));
    }
}
