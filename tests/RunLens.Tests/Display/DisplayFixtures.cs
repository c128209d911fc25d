using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Display;

/// <summary>Hostile names for the HTML tests: a run, a metric, a config key and value that are markup.</summary>
internal static class DisplayFixtures
{
    public const string ScriptName = "<script>alert(1)</script>";
    public const string ImgMetric = "\"><img src=x onerror=alert(1)>";

    /// <summary>
    /// A run named <see cref="ScriptName"/> (its folders are <c>&lt;script&gt;alert(1)&lt;</c> and <c>script&gt;</c>:
    /// names are relative paths) whose log has a metric <see cref="ImgMetric"/>, a hostile config and a truncated
    /// last record, beside an ordinary run.
    /// </summary>
    public static RunSet HostileRuns(TempDir dir)
    {
        const string metric = "\\\"><img src=x onerror=alert(1)>";
        var records = Enumerable.Range(0, 4).Select(i => $"{{\"step\":{i},\"{metric}\":{i}.5}}").ToList();
        var log = string.Join("\n", records) + "\n{\"step\":4,\"" + metric + "\":";
        dir.Write(ScriptName + "/metrics.jsonl", log);
        dir.Write(ScriptName + "/config.json", "{\"" + metric + "\": \"<b>bold</b>\", \"seed\": 5}");
        dir.Write("plain/json_logs/0.json", FlatRun(10));
        return Runs.Load(dir.Path);
    }
}
