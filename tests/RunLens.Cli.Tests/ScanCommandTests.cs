using System.Globalization;
using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

public class ScanCommandTests
{
    private static string Record(int step, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"step\":{step},\"x\":{step % 3},\"y\":1,\"map\":2,\"total\":{total:R}}}");

    [Fact]
    public void Json_output_is_exactly_one_object_with_the_exact_totals()
    {
        using var dir = new TempDir();
        dir.Write("run/json_logs/0.json", "[" + string.Join(",", Enumerable.Range(0, 10).Select(i => Record(i, i * 0.5))) + "]");

        var (exit, output, _) = CliRunner.Run("scan", dir.Path, "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(10, root.GetProperty("records").GetInt64());
        Assert.Equal(0, root.GetProperty("skipped").GetInt64());
        Assert.Equal(0, root.GetProperty("stepMin").GetInt64());
        Assert.Equal(9, root.GetProperty("stepMax").GetInt64());
        Assert.Equal(3, root.GetProperty("distinctPositions").GetInt32());
        Assert.Equal(1, root.GetProperty("files").GetInt32());
        // Fields are named as the log wrote them: this flat log's total reward is total.
        var total = root.GetProperty("fields").GetProperty("total");
        Assert.Equal(22.5, total.GetProperty("sum").GetDouble());
        Assert.Equal(10, total.GetProperty("count").GetInt64());
        Assert.Equal(4.5, total.GetProperty("max").GetDouble());
        Assert.Equal(2.25, total.GetProperty("mean").GetDouble());
        Assert.Equal(0, root.GetProperty("issues").GetArrayLength());
    }

    [Fact]
    public void Damaged_files_exit_2_and_name_each_problem_with_its_file_and_offset()
    {
        using var dir = new TempDir();
        var cut = dir.Write("run/json_logs/0.json", "[" + Record(0, 1) + "," + Record(1, 2)[..12]);
        var garbage = dir.Write("run/metrics.jsonl", Record(2, 3) + "\nnot json\n" + Record(3, 4) + "\n");

        var (exit, output, _) = CliRunner.Run("scan", dir.Path, "--json");

        Assert.Equal(2, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("records").GetInt64());
        Assert.Equal(2, root.GetProperty("skipped").GetInt64());
        var issues = root.GetProperty("issues").EnumerateArray().ToList();
        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.GetProperty("file").GetString() == cut && i.GetProperty("offset").GetInt64() == Record(0, 1).Length + 2);
        Assert.Contains(issues, i => i.GetProperty("file").GetString() == garbage && i.GetProperty("line").GetInt64() == 2);
    }

    [Fact]
    public void The_summary_names_records_steps_fields_and_issues()
    {
        using var dir = new TempDir();
        dir.Write("run/json_logs/0.json", "[" + Record(5, 1) + "," + Record(7, 3) + "]");

        var (exit, output, _) = CliRunner.Run("scan", dir.Path);

        Assert.Equal(0, exit);
        Assert.Contains("records      2", output);
        Assert.Contains("steps        5..7", output);
        Assert.Contains("total", output);
        Assert.DoesNotContain("rewards.total", output);
    }

    [Fact]
    public void A_path_without_runs_is_a_user_error_that_says_what_was_expected()
    {
        using var dir = new TempDir();

        var (exit, output, error) = CliRunner.Run("scan", Path.Combine(dir.Path, "missing"), "--json");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("No file or folder", error);
    }
}
