using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Scanning;

public class ScannerTests
{
    [Fact]
    public void Flat_and_nested_layouts_give_identical_scans()
    {
        using var flat = new TempDir();
        using var nested = new TempDir();
        flat.Write("json_logs/0.json", FlatRun(200));
        nested.Write("json_logs/0.json", NestedRun(200));

        var a = Scan(flat);
        var b = Scan(nested);

        Assert.Equal(200, a.Records);
        Assert.Equal(a.Records, b.Records);
        Assert.Equal(a.DistinctPositions, b.DistinctPositions);
        foreach (var name in new[] { "step", "env", "position.x", "position.y", "position.map", "rewards.total", "rewards.event", "rewards.explore" })
        {
            var fa = a.Field(name)!;
            var fb = b.Field(name)!;
            Assert.Equal(fa.Count, fb.Count);
            Assert.Equal(fa.Sum, fb.Sum);
            Assert.Equal(fa.Buckets, fb.Buckets);
        }
        Assert.Equal(["total"], a.Field("rewards.total")!.Sources);
        Assert.Equal(["rewards.total"], b.Field("rewards.total")!.Sources);
        // Each layout lists its own names; the lookups above found the same roles in both.
        Assert.Equal(["env_id", "event", "explore", "map", "step", "total", "x", "y"], a.Fields.Select(f => f.Name));
        Assert.Equal("rewards.total", a.Field("total")!.Alias);
        Assert.Contains("position.x", b.Fields.Select(f => f.Name));
        Assert.Equal(a.Positions, b.Positions);
    }

    [Fact]
    public void Totals_are_exact_sums_over_every_record()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/a.json", FlatRun(300, env: 0));
        dir.Write("json_logs/b.json", NestedRun(300, env: 1));

        var scan = Scan(dir);

        // Each file's total reward keeps the name it was logged under: the flat file's total, the nested one's rewards.total.
        var expected = Steps(300).Sum(s => s.Total);
        Assert.Equal(600, scan.Records);
        Assert.Equal(expected, scan.Field("total")!.Sum, 9);
        Assert.Equal(expected, scan.Field("rewards.total")!.Sum, 9);
        Assert.Equal(300, scan.Field("total")!.Count);
        Assert.Equal(300, scan.Field("rewards.total")!.Count);
        Assert.Equal(300, scan.Field("env")!.Sum);
        Assert.Equal(0, scan.StepMin);
        Assert.Equal(299, scan.StepMax);
        Assert.Equal(0, scan.Skipped);
        // Both layouts in one scan: each role has two names, both kept; the notes say which plays it.
        Assert.Contains(scan.Issues, n => n.Message == "'position.x', 'x' all answer to 'position.x'; 'position.x' plays it (each keeps its own series)");
        Assert.All(scan.Issues, n => Assert.Equal("(scan)", n.File));
        // 5 x values, 4 y values, 2 maps.
        Assert.Equal(40, scan.DistinctPositions);
        Assert.Equal(600, scan.Positions.Sum(p => p.Count));
    }

    [Fact]
    public void Truncated_last_record_is_reported_and_the_rest_loads()
    {
        using var dir = new TempDir();
        var text = FlatRun(50);
        var cut = text[..(text.LastIndexOf("{\"step\":49", StringComparison.Ordinal) + 25)];
        var path = dir.Write("json_logs/0.json", cut);

        var scan = Scan(dir);

        Assert.Equal(49, scan.Records);
        Assert.Equal(1, scan.SkippedByReason["truncated"]);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(text.LastIndexOf("{\"step\":49", StringComparison.Ordinal), issue.Offset);
        Assert.Equal(51, issue.Line);
        Assert.Contains("cut off", issue.Message);
    }

    [Fact]
    public void A_record_cut_in_the_middle_of_a_file_is_skipped_and_its_neighbours_load()
    {
        using var dir = new TempDir();
        var records = Steps(10).Select(s => Flat(s.Step, s.Env, s.X, s.Y, s.Map, s.Total, s.Explore)).ToList();
        records[4] = records[4][..20];
        var text = "[" + string.Join(",\n", records) + "]";
        dir.Write("json_logs/0.json", text);

        var scan = Scan(dir);

        Assert.Equal(9, scan.Records);
        Assert.Equal(1, scan.SkippedByReason["invalid JSON"]);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(text.IndexOf(records[4], StringComparison.Ordinal), issue.Offset);
        Assert.Equal(5, issue.Line);
        Assert.Contains("resumed", issue.Message);
        Assert.Equal(Steps(10).Where(s => s.Step != 4).Sum(s => s.Total), scan.Field("rewards.total")!.Sum, 9);
    }

    [Fact]
    public void A_garbage_line_in_a_jsonl_file_is_reported_with_its_line_and_the_next_lines_load()
    {
        using var dir = new TempDir();
        var lines = Steps(6).Select(s => Flat(s.Step, s.Env, s.X, s.Y, s.Map, s.Total, s.Explore)).ToList();
        lines.Insert(3, "garbage }{ not json");
        dir.Write("metrics.jsonl", Lines(lines));

        var scan = Scan(dir);

        Assert.Equal(6, scan.Records);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(4, issue.Line);
        Assert.Equal(1, scan.Skipped);
    }

    [Fact]
    public void Python_nan_and_infinity_literals_are_values_and_their_records_count()
    {
        using var dir = new TempDir();
        dir.Write("result.jsonl", Lines([
            "{\"training_iteration\":1,\"episode_reward_mean\":NaN,\"info\":{\"loss\":Infinity}}",
            "{\"training_iteration\":2,\"episode_reward_mean\":1.5,\"info\":{\"loss\":-Infinity,\"note\":\"NaN stays text\"}}",
            "{\"training_iteration\":3,\"episode_reward_mean\":2.5,\"info\":{\"loss\":0.25}}",
        ]));

        var scan = Scan(dir);

        Assert.Equal(3, scan.Records);
        Assert.Empty(scan.Issues);
        var reward = scan.Field("episode_reward_mean")!;
        Assert.Equal(2, reward.Count);
        Assert.Equal(1, reward.NonFinite);
        Assert.Equal(4.0, reward.Sum);
        Assert.Equal(2, scan.Field("info.loss")!.NonFinite);
        Assert.Equal(1, scan.StepMin);
        Assert.Equal(3, scan.StepMax);
        var row = Assert.Single(scan.Reservoir, r => r.Step == 2);
        Assert.Equal("NaN stays text", row.Text["info.note"]);
        Assert.Equal(double.NegativeInfinity, row["info.loss"]);
    }

    [Fact]
    public void Gzip_files_read_like_plain_ones()
    {
        using var plain = new TempDir();
        using var gz = new TempDir();
        plain.Write("json_logs/0.json", NestedRun(120));
        WriteGzip(Path.Combine(gz.Path, "json_logs", "0.json.gz"), NestedRun(120));

        var a = Scan(plain);
        var b = Scan(gz);

        Assert.Equal(a.Records, b.Records);
        Assert.Equal(a.Field("rewards.total")!.Buckets, b.Field("rewards.total")!.Buckets);
        Assert.True(b.Bytes < a.Bytes, "gzip bytes are the compressed size read from disk");
    }

    [Fact]
    public void Records_of_more_shapes_than_the_scan_plans_for_at_once_count_every_value()
    {
        // 600 shapes, each met twice (one file after the other): more than the worker's table of record plans holds,
        // so shapes take each other's places and are planned again; every value must still reach its own curve.
        using var dir = new TempDir();
        var shapes = Enumerable.Range(0, 600).ToArray();
        string Records(int first) => "[" + string.Join(",", shapes.Select(i => $"{{\"step\":{first + i},\"m{i}\":{i}.5}}")) + "]";
        dir.Write("json_logs/0.json", Records(0));
        dir.Write("json_logs/1.json", Records(1000));

        var scan = Scan(dir, new ScanOptions { Threads = 1 });

        Assert.Equal(1200, scan.Records);
        Assert.Equal(0, scan.StepMin);
        Assert.Equal(1599, scan.StepMax);
        foreach (var i in new[] { 0, 1, 255, 256, 599 })
        {
            var field = scan.Field($"m{i}")!;
            Assert.Equal(2, field.Count);
            Assert.Equal(2 * (i + 0.5), field.Sum);
            Assert.Equal([i, 1000 + i], field.Buckets.Select(b => b.FirstStep));
        }
    }

    [Fact]
    public void Records_without_a_step_use_their_position_in_the_file()
    {
        using var dir = new TempDir();
        dir.Write("all_runs_1.json", "[{\"event\":1,\"explore\":0.5},{\"event\":2,\"explore\":0.25},{\"event\":3}]");

        var scan = Scan(dir);

        Assert.Equal(3, scan.Records);
        Assert.Equal(3, scan.RecordsWithoutStep);
        Assert.Equal(0, scan.StepMin);
        Assert.Equal(2, scan.StepMax);
        Assert.Equal(6, scan.Field("rewards.event")!.Sum);
    }

    [Fact]
    public void Progress_is_reported_and_ends_with_every_file()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 4; i++)
            dir.Write($"json_logs/{i}.json", FlatRun(100, env: i));
        var seen = new List<ScanProgress>();
        var progress = new SynchronousProgress(seen);

        var scan = Scan(dir, new ScanOptions { Threads = 2, Progress = progress });

        var last = seen[^1];
        Assert.Equal(4, last.FilesDone);
        Assert.Equal(4, last.FilesTotal);
        Assert.Equal(scan.Records, last.Records);
        Assert.Equal(1.0, last.Fraction);
    }

    private sealed class SynchronousProgress(List<ScanProgress> into) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value)
        {
            lock (into)
                into.Add(value);
        }
    }

    [Fact]
    public void Two_names_for_one_role_are_both_kept_and_the_issues_say_which_plays_it()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/a.json", Lines(["{\"step\":0,\"reward\":1,\"total\":10}", "{\"step\":1,\"reward\":2,\"total\":20}"]));

        var scan = Scan(dir);

        Assert.Equal(3, scan.Field("reward")!.Sum);
        Assert.Equal(30, scan.Field("total")!.Sum);
        // Neither is written rewards.total: the first in ordinal order plays it.
        Assert.Equal("reward", scan.Field("rewards.total")!.Name);
        var note = Assert.Single(scan.Issues);
        Assert.Equal("(scan)", note.File);
        Assert.Equal("'reward', 'total' all answer to 'rewards.total'; 'reward' plays it (each keeps its own series)", note.Message);
    }

    [Fact]
    public void A_name_written_as_the_role_plays_it_over_an_alias()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/a.json", Lines(["{\"step\":0,\"reward\":1,\"rewards\":{\"total\":10}}"]));

        var scan = Scan(dir);
        var run = Runs.Load(dir.Path)[0];

        Assert.Equal("rewards.total", scan.Field("rewards.total")!.Name);
        Assert.Equal(1, scan.Field("reward")!.Sum);
        Assert.Equal("rewards.total", run.Metric("rewards.total").Metric);
        Assert.Equal([10.0], run.Metric("rewards.total").Points.Select(p => p.Value));
        Assert.Contains("'rewards.total' plays it", Assert.Single(scan.Issues).Message, StringComparison.Ordinal);
    }
}
