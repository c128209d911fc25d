using System.Security.Cryptography;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class SampleRunsCommandTests
{
    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void The_checked_in_sample_runs_are_exactly_what_the_command_writes()
    {
        using var dir = new TempDir();

        var (exit, output, error) = CliRunner.Run("sample-runs", "--out", dir.Path);

        Assert.True(exit == 0, error);
        Assert.Contains("16,400 records", output);
        var expected = Hashes(TestPaths.SampleRuns);
        var actual = Hashes(dir.Path);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, hash) in expected)
            Assert.True(hash == actual[file], $"sample-runs/{file} differs from the generator's output: run 'runlens sample-runs' to regenerate.");
    }

    [Fact]
    public void Sample_runs_hold_both_layouts_and_a_jsonl_run_and_scan_cleanly()
    {
        var runs = Runs.Load(TestPaths.SampleRuns);
        var scan = runs.Scan();

        Assert.Equal(["ppo", "v1", "v2", "v3", "v4"], runs.ByVariant().Keys.Order(StringComparer.Ordinal));
        Assert.Empty(scan.Issues);
        Assert.Equal(16_400, scan.Records);
        var total = scan.Field("rewards.total")!;
        Assert.Contains("total", total.Sources);
        Assert.Contains("rewards.total", total.Sources);
        Assert.Contains(runs.SelectMany(r => r.Info.Files), f => f.IsGzip);
        Assert.Contains(runs.SelectMany(r => r.Info.Files), f => f.Path.EndsWith(".jsonl", StringComparison.Ordinal));
    }
}
