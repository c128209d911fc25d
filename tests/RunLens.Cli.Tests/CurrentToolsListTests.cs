using System.Globalization;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary>
/// Issue 13's acceptance: <c>runlens ls --json</c> on logs written by current SB3, TensorBoard, MLflow and W&amp;B
/// releases says what each tool's own reader says (TRUTH.json): the runs, their names, point counts and step ranges
/// per metric, hyperparameters, status and episodes.
/// </summary>
public class CurrentToolsListTests
{
    private const string Folder = "current-tools";

    [RealDataFact(Folder)]
    public void Ls_json_on_current_tool_logs_matches_what_each_tools_reader_says()
    {
        var root = RealRuns.Folder(Folder);
        var (exit, output, error) = CliRunner.Run("ls", root, "--json");
        // The killed W&B run's cut-off last block is an issue: partial data.
        Assert.True(exit == 2, error);
        using var listing = JsonDocument.Parse(output);
        var runs = listing.RootElement.GetProperty("runs").EnumerateArray().ToList();
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "TRUTH.json")));
        var expected = truth.RootElement.GetProperty("runs").EnumerateArray()
            .Where(r => !r.TryGetProperty("lifecycle_stage", out var stage) || stage.GetString() != "deleted").ToList();

        // Every run the tools' readers list, once, and nothing else (a deleted MLflow run is not listed).
        Assert.Equal(expected.Count, runs.Count);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in expected)
        {
            var tool = run.GetProperty("tool").GetString()!;
            var found = Find(runs, run, root);
            Assert.True(found.ValueKind == JsonValueKind.Object, $"{run.GetProperty("path")} is not listed");
            Assert.True(matched.Add(found.GetProperty("name").GetString()!), $"{run.GetProperty("path")} matched twice");
            var metrics = found.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m);
            var label = run.GetProperty("path").GetString()!;
            switch (tool)
            {
                case "tensorboard":
                    foreach (var kind in new[] { "scalars", "tensors" })
                    {
                        if (!run.TryGetProperty(kind, out var series))
                            continue;
                        foreach (var metric in series.EnumerateObject().Where(m => !m.Value.TryGetProperty("plugin", out var p) || p.GetString() == "scalars"))
                            AssertSeries(label, metrics, metric.Name, metric.Value);
                    }
                    if (run.TryGetProperty("histograms", out var histograms))
                    {
                        foreach (var h in histograms.EnumerateObject())
                            Assert.Equal(h.Value.GetProperty("points").GetInt64(), metrics[h.Name + "/count"].GetProperty("points").GetInt64());
                    }
                    if (run.TryGetProperty("hparams", out var hparams))
                    {
                        foreach (var p in hparams.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
                            AssertValue(label, found.GetProperty("hyperparameters"), p.Name, p.Value);
                    }
                    break;
                case "mlflow":
                    Assert.Equal(run.GetProperty("status").GetString(), found.GetProperty("status").GetString());
                    foreach (var metric in run.GetProperty("metrics").EnumerateObject())
                        AssertSeries(label, metrics, metric.Name, metric.Value);
                    foreach (var p in run.GetProperty("hyperparameters").EnumerateObject())
                        AssertValue(label, found.GetProperty("hyperparameters"), p.Name, p.Value);
                    break;
                case "wandb":
                    foreach (var metric in run.GetProperty("metrics").EnumerateObject().Where(m => !m.Name.StartsWith('_')))
                        AssertSeries(label, metrics, metric.Name, metric.Value, steps: false);
                    Assert.DoesNotContain(metrics.Keys, k => k is "_runtime" or "_timestamp" or "_step");
                    foreach (var p in run.GetProperty("hyperparameters").EnumerateObject())
                        AssertValue(label, found.GetProperty("hyperparameters"), p.Name, p.Value);
                    var status = found.GetProperty("status").GetString()!;
                    var code = run.GetProperty("exit_code");
                    Assert.True(code.ValueKind == JsonValueKind.Null ? status.Contains("no exit record", StringComparison.Ordinal)
                        : code.GetInt32() == 0 ? status == "finished" : status.StartsWith("crashed", StringComparison.Ordinal), $"{label}: status {status}");
                    break;
                case "sb3":
                    var episodes = run.GetProperty("episodes").GetProperty("total_episodes").GetInt64()
                        + run.GetProperty("evaluations_npz").GetProperty("eval_episodes_total").GetInt64();
                    Assert.Equal(episodes, found.GetProperty("episodes").GetProperty("count").GetInt64());
                    var progress = run.GetProperty("metrics_by_source").GetProperty("progress.csv");
                    var step = progress.GetProperty("step_column").GetString();
                    foreach (var metric in progress.GetProperty("metrics").EnumerateObject().Where(m => m.Name != step))
                        AssertSeries(label, metrics, metric.Name, metric.Value);
                    if (run.GetProperty("hyperparameters") is { ValueKind: JsonValueKind.Object } sb3Params)
                    {
                        foreach (var p in sb3Params.EnumerateObject())
                            AssertValue(label, found.GetProperty("hyperparameters"), p.Name, p.Value);
                    }
                    break;
                default:
                    Assert.Fail($"unknown tool {tool}");
                    break;
            }
        }
    }

    /// <summary>The listed run a TRUTH entry describes: by folder, or for a SQLite store's run by store and run name.</summary>
    private static JsonElement Find(List<JsonElement> runs, JsonElement run, string root)
    {
        var path = run.GetProperty("path").GetString()!;
        if (path.Contains(".db#", StringComparison.Ordinal))
        {
            var name = run.GetProperty("identity").GetProperty("run_name").GetString();
            return runs.SingleOrDefault(r => r.GetProperty("format").GetString() == "mlflow-sqlite" && r.GetProperty("name").GetString()!.EndsWith("/" + name, StringComparison.Ordinal));
        }
        var full = Path.GetFullPath(Path.Combine(root, path));
        return runs.SingleOrDefault(r => Path.GetFullPath(r.GetProperty("root").GetString()!) == full);
    }

    private static void AssertSeries(string run, Dictionary<string, JsonElement> metrics, string name, JsonElement expected, bool steps = true)
    {
        Assert.True(metrics.TryGetValue(name, out var metric), $"{run}: no metric {name} (has {string.Join(", ", metrics.Keys)})");
        Assert.True(expected.GetProperty("points").GetInt64() == metric.GetProperty("points").GetInt64(),
            $"{run} {name}: {metric.GetProperty("points")} points, the tool's reader says {expected.GetProperty("points")}");
        if (!steps)
            return;
        Assert.Equal(expected.GetProperty("step_min").GetInt64(), metric.GetProperty("firstStep").GetInt64());
        Assert.Equal(expected.GetProperty("step_max").GetInt64(), metric.GetProperty("lastStep").GetInt64());
    }

    /// <summary>A hyperparameter equal to the tool's value: numbers as numbers (MLflow's text params read as numbers), lists item by item.</summary>
    private static void AssertValue(string run, JsonElement hyperparameters, string name, JsonElement expected)
    {
        if (expected.ValueKind == JsonValueKind.Object)
        {
            foreach (var inner in expected.EnumerateObject())
                AssertValue(run, hyperparameters, name + "." + inner.Name, inner.Value);
            return;
        }
        Assert.True(hyperparameters.TryGetProperty(name, out var actual), $"{run}: no hyperparameter {name}");
        // A list stays a list (not its text), null stays null.
        if (expected.ValueKind is JsonValueKind.Array or JsonValueKind.Null)
            Assert.Equal(expected.ValueKind, actual.ValueKind);
        Assert.True(Text(expected) == Text(actual), $"{run} {name}: {actual} where the tool says {expected}");
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Text)) + "]",
        _ => value.GetRawText(),
    };
}
