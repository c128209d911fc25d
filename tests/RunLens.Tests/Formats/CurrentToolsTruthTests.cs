using System.Text.Json;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Formats;

/// <summary>
/// The logs current W&amp;B and MLflow releases wrote (../shared/real-runs/current-tools, never copied here) against
/// TRUTH.json, what each tool's own reader says of them. Each test returns early, saying SKIPPED, when the folder is
/// absent: convert to <c>[RealDataFact("current-tools/...")]</c> once TestSupport has it.
/// </summary>
public class CurrentToolsTruthTests(ITestOutputHelper output)
{
    private const string Root = "current-tools";

    private static List<JsonElement> Truth(string root, string tool)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "TRUTH.json")));
        return doc.RootElement.GetProperty("runs").EnumerateArray().Where(r => r.GetProperty("tool").GetString() == tool)
            .Select(r => r.Clone()).ToList();
    }

    /// <summary>A TRUTH value (nested objects flattened to dotted names) as RunLens keeps it.</summary>
    private static Dictionary<string, string> Flat(JsonElement element, string prefix = "")
    {
        var into = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var (k, v) in Flat(property.Value, key + "."))
                    into[k] = v;
            }
            else
            {
                into[key] = property.Value.ValueKind switch
                {
                    JsonValueKind.Number => property.Value.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Array => "[" + string.Join(", ", property.Value.EnumerateArray().Select(Item)) + "]",
                    _ => JsonSerializer.Serialize(property.Value),
                };
            }
        }
        return into;
    }

    /// <summary>A list item as <see cref="ConfigValue"/> prints it: numbers as numbers, text quoted, null as null.</summary>
    private static string Item(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.Number => item.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => JsonSerializer.Serialize(item.GetString()),
        JsonValueKind.Array => "[" + string.Join(", ", item.EnumerateArray().Select(Item)) + "]",
        _ => item.GetRawText(),
    };

    private static Dictionary<string, string> Flat(IReadOnlyDictionary<string, ConfigValue> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(), StringComparer.Ordinal);

    [RealDataFact(Root)]
    public void Real_wandb_runs_match_truth_names_status_hyperparameters_summary_and_points()
    {
        var root = RealRuns.Folder(Root, output);
        var truth = Truth(root, "wandb");
        var runs = Runs.Load(Path.Combine(root, "wandb"));

        Assert.Equal(truth.Count, runs.Count);
        foreach (var expected in truth)
        {
            var identity = expected.GetProperty("identity");
            var run = Assert.Single(runs, r => r.Info.SystemTags["run_id"] == identity.GetProperty("run_id").GetString());
            Assert.Equal("wandb/" + identity.GetProperty("name").GetString(), run.Name);
            Assert.Equal(identity.GetProperty("group").GetString(), run.Variant);
            Assert.Equal(identity.GetProperty("project").GetString(), run.Info.SystemTags["project"]);
            Assert.Equal(identity.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal), run.Info.Tags.Keys.Order(StringComparer.Ordinal));
            var status = expected.GetProperty("exit_code") is { ValueKind: JsonValueKind.Number } code
                ? (code.GetInt32() == 0 ? "finished" : $"crashed (exit code {code.GetInt32()})")
                : "running or killed (no exit record)";
            Assert.Equal(status, run.Info.Status);
            // Lists stay lists: compared as ConfigValue prints them.
            Assert.Equal(Flat(expected.GetProperty("hyperparameters")), Flat(run.Info.Config));
            Assert.Equal(Flat(expected.GetProperty("summary")), Flat(run.Info.Summary));
            Assert.Equal(expected.GetProperty("history_rows").GetInt32(), run.Scan().Records);
            foreach (var metric in expected.GetProperty("metrics").EnumerateObject())
            {
                // W&B's own columns are the row's step and wall time, not metrics.
                if (metric.Name is "_step" or "_timestamp" or "_runtime")
                    continue;
                var series = run.Metric(metric.Name);
                Assert.Equal(metric.Value.GetProperty("points").GetInt32(), series.Count);
                Assert.Equal(metric.Value.GetProperty("last").GetDouble(), series.Points.MaxBy(p => p.Step).Value);
                if (metric.Value.TryGetProperty("x_axis", out var axis))
                {
                    Assert.Equal(axis.GetProperty("key").GetString(), run.Info.XAxisOf(metric.Name));
                    Assert.Equal((axis.GetProperty("min").GetInt64(), axis.GetProperty("max").GetInt64()), (series.Points[0].Step, series.Points[^1].Step));
                }
                else
                {
                    Assert.Equal((metric.Value.GetProperty("step_min").GetInt64(), metric.Value.GetProperty("step_max").GetInt64()), (series.Points[0].Step, series.Points[^1].Step));
                }
            }
        }
    }

    [RealDataFact(Root)]
    public void Real_mlflow_stores_match_truth_names_status_params_tags_and_points()
    {
        var root = RealRuns.Folder(Root, output);
        var truth = Truth(root, "mlflow");
        foreach (var (store, path, format) in new[] { ("filestore", "mlflow/filestore/mlruns", "mlflow"), ("sqlite", "mlflow/sqlite/mlflow.db", "mlflow-sqlite") })
        {
            var runs = Runs.Load(Path.Combine(root, path));
            var listing = runs.Describe();
            var expectedRuns = truth.Where(t => t.GetProperty("store").GetString() == store).ToList();
            var active = expectedRuns.Where(t => t.GetProperty("lifecycle_stage").GetString() == "active").ToList();

            Assert.Equal(active.Count, runs.Count);
            Assert.All(runs, r => Assert.Equal(format, r.Info.Format));
            foreach (var expected in active)
            {
                var identity = expected.GetProperty("identity");
                var run = runs[identity.GetProperty("experiment").GetString() + "/" + identity.GetProperty("run_name").GetString()];
                Assert.Equal(expected.GetProperty("status").GetString(), run.Info.Status);
                Assert.Equal(identity.GetProperty("experiment").GetString(), run.Variant);
                // MLflow returns params as text; RunLens types numeric ones: compare as text.
                Assert.Equal(Flat(expected.GetProperty("hyperparameters")), Flat(run.Info.Config));
                Assert.Equal(Flat(expected.GetProperty("tags")), run.Info.Tags.ToDictionary(StringComparer.Ordinal));
                // TRUTH lists the system tags' names; the run name is one of them.
                Assert.Equal(expected.GetProperty("system_tags").EnumerateArray().Select(t => t.GetString()!), run.Info.SystemTags.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(identity.GetProperty("run_name").GetString(), run.Info.SystemTags["mlflow.runName"]);
                foreach (var metric in expected.GetProperty("metrics").EnumerateObject())
                    Assert.Equal(metric.Value.GetProperty("points").GetInt32(), run.Metric(metric.Name).Count);
            }
            // Each deleted run is one issue of the load, on no run.
            Assert.All(listing, r => Assert.Empty(r.Issues));
            Assert.Equal(expectedRuns.Count - active.Count, listing.Issues.Count(i => i.Message.Contains("is deleted in MLflow", StringComparison.Ordinal)));
        }
    }
}
