using Microsoft.Data.Analysis;
using RunLens.TestSupport;

namespace RunLens.Interactive.Tests.Frames;

/// <summary>Tiny runs written by hand, small enough to check every cell of their frames by eye.</summary>
internal static class FrameFixtures
{
    /// <summary>
    /// Run <c>a</c>: steps 0, 1, 2, 2 (step 2 logged again by a second file, as a resumed run does), loss with a NaN
    /// at step 1 and no value at step 0... see each record. Run <c>b</c>: two steps, no loss, a config of its own.
    /// </summary>
    public static RunSet TwoRuns(TempDir dir)
    {
        dir.Write("a/json_logs/0.json",
            "{\"step\":0,\"wall_time\":100.5,\"rewards\":{\"total\":1.5}}\n" +
            "{\"step\":1,\"wall_time\":101.25,\"loss\":NaN,\"rewards\":{\"total\":0.1}}\n" +
            "{\"step\":2,\"wall_time\":102.5,\"loss\":0.25,\"rewards\":{\"total\":3.5}}\n");
        dir.Write("a/json_logs/1.json",
            "{\"step\":2,\"wall_time\":110.5,\"loss\":0.0625,\"rewards\":{\"total\":4.5}}\n" +
            "{\"step\":3,\"wall_time\":111.5,\"loss\":1e-300,\"rewards\":{\"total\":-2}}\n");
        dir.Write("a/config.json", "{\"learning_rate\":0.001,\"seed\":1,\"algo\":\"ppo\"}");
        dir.Write("b/metrics.jsonl",
            "{\"step\":10,\"rewards\":{\"total\":7}}\n{\"step\":20,\"rewards\":{\"total\":8.25}}\n");
        dir.Write("b/config.json", "{\"learning_rate\":0.01,\"seed\":2}");
        return Runs.Load(dir.Path);
    }

    public static double? Double(DataFrame frame, string column, long row) => (double?)frame[column][row];

    public static long? Long(DataFrame frame, string column, long row) => (long?)frame[column][row];

    public static string? Text(DataFrame frame, string column, long row) => (string?)frame[column][row];
}
