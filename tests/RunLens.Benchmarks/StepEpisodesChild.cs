using System.Diagnostics;
using System.Text.Json;

namespace RunLens.Benchmarks;

/// <summary>
/// The measured process of the <c>steps</c> mode: loads a folder, takes its largest run and cuts the first
/// environment's step records into episodes (<see cref="Run.StepEpisodes"/>, every file read once), then prints one
/// JSON line: bytes, records read, episodes and steps kept, seconds, peak RSS.
/// </summary>
internal static class StepEpisodesChild
{
    public const string Flag = "--steps-only";

    public static int Run(Arguments args)
    {
        var dir = args.Required(Flag);
        var clock = Stopwatch.StartNew();
        var run = Runs.Load(dir).OrderByDescending(r => r.Info.Files.Sum(f => f.Bytes)).First();
        // The synthetic logs carry no episode field and no episode_length in config.json: give the generator's length.
        var episodes = run.StepEpisodes(maxEpisodes: args.Int("--max-episodes", 100), episodeLength: args.Int("--episode-length", new Samples.SyntheticExperimentOptions().EpisodeLength));
        clock.Stop();
        using var output = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("run", run.Name);
            json.WriteNumber("bytes", run.Info.Files.Sum(f => f.Bytes));
            json.WriteNumber("files", run.Info.Files.Count);
            json.WriteNumber("episodes", episodes.Count);
            json.WriteNumber("steps", episodes.Sum(e => e.Length));
            json.WriteNumber("issues", episodes.Issues.Count);
            json.WriteStartArray("first_issues");
            foreach (var issue in episodes.Issues.Take(3))
                json.WriteStringValue(issue.Message);
            json.WriteEndArray();
            json.WriteNumber("seconds", clock.Elapsed.TotalSeconds);
            json.WriteNumber("peak_rss_bytes", PeakMemory.Bytes());
            json.WriteEndObject();
        }
        output.Write("\n"u8);
        return 0;
    }
}
