using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Loading;

/// <summary>Real logs from public RL projects (../shared/real-runs), checked against independent parsing.</summary>
public class RealRunTests(ITestOutputHelper output)
{
    [RealDataFact("ray-tune/ray-project__rl-experiments/pong-speedrun")]
    public void Ray_tune_result_json_with_bare_nan_loads_every_iteration()
    {
        var folder = RealRuns.Folder("ray-tune/ray-project__rl-experiments/pong-speedrun", output);

        var runs = Runs.Load(folder);

        Assert.Equal(3, runs.Count);
        foreach (var run in runs)
        {
            var file = Assert.Single(run.Info.Files, f => f.Format != FileFormats.Mirror);
            var lines = File.ReadAllLines(file.Path).Where(l => l.Length > 0).ToList();
            // Independent oracle: Python's bare NaN replaced by null, then System.Text.Json.
            var docs = lines.Select(l => JsonDocument.Parse(Regex.Replace(l, @"(?<=[:\[,]\s*)-?(NaN|Infinity)", "null"))).ToList();
            var rewards = docs.Select(d => d.RootElement.GetProperty("episode_reward_mean"))
                .Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetDouble()).ToList();

            var scan = run.Scan();

            Assert.Equal(lines.Count, scan.Records);
            Assert.Empty(scan.Issues);
            var field = scan.Field("episode_reward_mean")!;
            Assert.Equal(rewards.Count, field.Count);
            Assert.Equal(lines.Count - rewards.Count, field.NonFinite);
            Assert.Equal(rewards.Sum(), field.Sum, 9);
            Assert.Equal(docs.Min(d => d.RootElement.GetProperty("timesteps_total").GetInt64()), scan.StepMin);
            Assert.Equal(docs.Max(d => d.RootElement.GetProperty("timesteps_total").GetInt64()), scan.StepMax);
            Assert.True(run.Info.Config.ContainsKey("lr"), "params.json is the run's config");
        }
    }

    [RealDataFact("json-game-logs/PWhiddy__PokemonRedExperiments/baselines")]
    public void Pokemon_red_episode_files_load_with_their_reward_components()
    {
        var folder = RealRuns.Folder("json-game-logs/PWhiddy__PokemonRedExperiments/baselines", output);

        var runs = Runs.Load(folder);
        var scan = runs.Scan();

        // The agent_stats CSVs beside them are pinned in Formats/Csv/PokemonRedCsvTests; their rows have a step.
        var files = runs.SelectMany(r => r.Info.Files).Where(f => f.Format == FileFormats.Json).ToList();
        Assert.All(files, f => Assert.StartsWith("all_runs_", Path.GetFileName(f.Path)));
        var episodes = files.SelectMany(f => JsonDocument.Parse(File.ReadAllBytes(f.Path)).RootElement.EnumerateArray()).ToList();
        Assert.Equal(episodes.Count, scan.RecordsWithoutStep);
        Assert.Equal(episodes.Sum(e => e.GetProperty("explore").GetDouble()), scan.Field("all_runs:rewards.explore")!.Sum, 9);
        Assert.Equal(episodes.Sum(e => e.GetProperty("dead").GetDouble()), scan.Field("all_runs:rewards.dead")!.Sum, 9);
        Assert.Empty(TextCellIssues.Others(scan.Issues));
    }
}
