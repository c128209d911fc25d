using RunLens.Formats.Sb3;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Sb3;

/// <summary>
/// The monitor files of a vectorised SB3 run read as one series (<see cref="MonitorMergeReader"/>): the scan, Metric
/// and Episodes all put each episode at the run's cumulative environment steps in end-time order, like SB3's
/// <c>ts2xy(load_results(dir), "timesteps")</c>. Expected steps are summed by hand in each test.
/// </summary>
public class MonitorMergeTests
{
    // Env 0 starts at 100.0: episodes end at 101.0 (l 10), 103.0 (l 20), 105.0 (l 30).
    private const string Env0 = "#{\"t_start\": 100.0, \"env_id\": \"E-v0\"}\nr,l,t\r\n1.0,10,1.0\r\n2.0,20,3.0\r\n3.0,30,5.0\r\n";

    // Env 1 starts at 101.0: episodes end at 101.5 (l 5), 103.0 (l 7, a tie with env 0's second), 105.5 (l 9).
    private const string Env1 = "#{\"t_start\": 101.0, \"env_id\": \"E-v0\"}\nr,l,t\r\n10.0,5,0.5\r\n20.0,7,2.0\r\n30.0,9,4.5\r\n";

    // Merged by end time: 101.0 env0 (10), 101.5 env1 (10+5=15), 103.0 env0 (15+20=35; the tie keeps file order),
    // 103.0 env1 (35+7=42), 105.0 env0 (42+30=72), 105.5 env1 (72+9=81).
    private static readonly long[] MergedSteps = [10, 15, 35, 42, 72, 81];
    private static readonly double[] MergedReturns = [1, 10, 2, 20, 3, 30];
    private static readonly double[] MergedEnvs = [0, 1, 0, 1, 0, 1];

    [Fact]
    public void Two_env_files_give_one_series_at_the_runs_cumulative_steps_in_the_scan_metric_and_episodes()
    {
        using var dir = new TempDir();
        var first = dir.Write("run/0.monitor.csv", Env0);
        var second = dir.Write("run/1.monitor.csv", Env1);

        var run = Runs.Load(dir.Path).Single();
        var metric = run.Metric(MonitorRecordReader.ReturnField);
        var env = run.Metric(MonitorMergeReader.EnvField);
        var scan = run.Scan();
        var returns = scan.Field(MonitorRecordReader.ReturnField)!;

        var group = Assert.Single(run.Info.Files);
        Assert.Equal((FileFormats.Sb3Monitors, "run/*.monitor.csv"), (group.Format, group.RelativePath));
        Assert.Equal([first, second], group.DiskPaths);
        Assert.Contains(run.Info.Notes, n => n.Contains("2 monitor files", StringComparison.Ordinal) && n.Contains("episode/env", StringComparison.Ordinal));
        Assert.Equal(MergedSteps, metric.Points.Select(p => p.Step));
        Assert.Equal(MergedReturns, metric.Points.Select(p => p.Value));
        Assert.Equal(MergedEnvs, env.Points.Select(p => p.Value));
        // Wall time is each env's t_start + t.
        Assert.Equal([101.0, 101.5, 103.0, 103.0, 105.0, 105.5], metric.Points.Select(p => p.WallTime!.Value));
        Assert.Equal((6L, 10L, 81L), (scan.Records, scan.StepMin!.Value, scan.StepMax!.Value));
        Assert.Equal((6L, 10L, 81L), (returns.Count, returns.Buckets[0].FirstStep, returns.Buckets[^1].LastStep));
        Assert.Empty(scan.Issues);
        Assert.Equal(MergedSteps, run.Episodes.Select(e => e.TrainingStep!.Value));
        Assert.Equal(MergedReturns, run.Episodes.Select(e => e.Return));
        Assert.Equal([1.0, 1.5, 3.0, 3.0, 5.0, 5.5], run.Episodes.Select(e => e.Time!.Value));
        Assert.Equal(["run/0.monitor.csv", "run/1.monitor.csv", "run/0.monitor.csv", "run/1.monitor.csv", "run/0.monitor.csv", "run/1.monitor.csv"],
            run.Episodes.Select(e => e.Source));
    }

    [Fact]
    public void A_tie_in_end_time_keeps_file_order_then_row_order()
    {
        using var dir = new TempDir();
        // Every episode of both files ends at 50.0: file 0's rows first (in their order), then file 1's.
        dir.Write("run/0.monitor.csv", "#{\"t_start\": 40.0}\nr,l,t\n1.0,1,10.0\n2.0,2,10.0\n");
        dir.Write("run/1.monitor.csv", "#{\"t_start\": 45.0}\nr,l,t\n3.0,4,5.0\n4.0,8,5.0\n");

        var run = Runs.Load(dir.Path).Single();
        var metric = run.Metric(MonitorRecordReader.ReturnField);

        Assert.Equal([1.0, 2.0, 3.0, 4.0], metric.Points.Select(p => p.Value));
        // 1, 1+2=3, 3+4=7, 7+8=15.
        Assert.Equal([1L, 3L, 7L, 15L], metric.Points.Select(p => p.Step));
        Assert.Equal([1L, 3L, 7L, 15L], run.Episodes.Select(e => e.TrainingStep!.Value));
    }

    [Fact]
    public void A_broken_row_in_one_env_file_is_reported_with_that_files_line_and_the_others_load()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", Env0);
        // Env 1's second row has a cell too many: line 4 of that file.
        var broken = Env1.Replace("20.0,7,2.0", "20.0,7,2.0,9", StringComparison.Ordinal);
        var path = dir.Write("run/1.monitor.csv", broken);

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();
        var metric = run.Metric(MonitorRecordReader.ReturnField);

        var issue = Assert.Single(scan.Issues);
        Assert.Equal((path, 4L, (long)broken.IndexOf("20.0,7,2.0,9", StringComparison.Ordinal)), (issue.File, issue.Line!.Value, issue.Offset!.Value));
        Assert.Equal(1, scan.Skipped);
        // Without env 1's l 7: 10, 15, 35, 65, 74.
        Assert.Equal([10L, 15L, 35L, 65L, 74L], metric.Points.Select(p => p.Step));
        Assert.Equal([1.0, 10.0, 2.0, 3.0, 30.0], metric.Points.Select(p => p.Value));
        Assert.Equal([10L, 15L, 35L, 65L, 74L], run.Episodes.Select(e => e.TrainingStep!.Value));
        Assert.Equal(path, Assert.Single(run.Episodes.Issues).File);
    }

    [Fact]
    public void A_file_without_t_start_starts_with_the_earliest_and_time_going_back_is_reported()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", "#{\"t_start\": 10.0}\nr,l,t\n1.0,1,1.0\n2.0,2,4.0\n");
        // No JSON line: taken to start at 10.0, so its rows end at 12.0 and (going back) 11.5, kept after 12.0.
        var path = dir.Write("run/1.monitor.csv", "r,l,t\n3.0,4,2.0\n4.0,8,1.5\n");

        var run = Runs.Load(dir.Path).Single();
        var metric = run.Metric(MonitorRecordReader.ReturnField);
        var issues = run.Scan().Issues;

        // 11.0 env0 (1), 12.0 env1 (1+4=5), 11.5->12.0 env1 (5+8=13), 14.0 env0 (13+2=15).
        Assert.Equal([1.0, 3.0, 4.0, 2.0], metric.Points.Select(p => p.Value));
        Assert.Equal([1L, 5L, 13L, 15L], metric.Points.Select(p => p.Step));
        Assert.Equal(2, issues.Count);
        Assert.All(issues, i => Assert.Equal(path, i.File));
        Assert.Contains(issues, i => i.Line == 1 && i.Message.Contains("t_start", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Offset == "r,l,t\n3.0,4,2.0\n".Length && i.Message.Contains("goes back", StringComparison.Ordinal));
    }

    [Fact]
    public void The_latest_row_of_a_scan_is_the_last_merged_episode()
    {
        using var dir = new TempDir();
        dir.Write("run/0.monitor.csv", Env0);
        dir.Write("run/1.monitor.csv", Env1);

        var scan = Runs.Load(dir.Path).Single().Scan();

        var last = scan.Reservoir.MaxBy(r => r.Step)!;
        Assert.Equal(81, last.Step);
        Assert.Equal(30.0, last.Values[MonitorRecordReader.ReturnField]);
        Assert.Equal(1.0, last.Values[MonitorMergeReader.EnvField]);
    }

    [Fact]
    public void A_return_cell_that_is_not_a_number_is_reported_and_the_row_keeps_its_length()
    {
        using var dir = new TempDir();
        var path = dir.Write("run/0.monitor.csv", "#{\"t_start\": 100.0, \"env_id\": \"E-v0\"}\nr,l,t\n1.0,10,1.0\n2.x,20,3.0\n3.0,30,5.0\n");

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        // The row's length still counts (steps 10, 30, 60); its return is missing, and an issue says so.
        Assert.Equal([10L, 60L], run.Metric("episode/return").Points.Select(p => p.Step));
        Assert.Equal(60, scan.StepMax);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(55, issue.Offset);
        Assert.Contains("return 'r'", issue.Message);
    }

    [Fact]
    public void Files_with_different_t_start_merge_by_t_plus_t_start_like_load_results_with_an_empty_files_start_counting()
    {
        using var dir = new TempDir();
        // load_results: t += t_start per file, sort by t, then t -= min(t_start) over every header (empty files too).
        // Env 0 starts last (t_start 200) but its t are small; env 1 starts at 100 with large t; env 2 (CRLF, with
        // is_success as SB3's csv.DictWriter writes Python bools) starts at 150; env 3 has no episode and starts at 90.
        dir.Write("run/0.monitor.csv", "#{\"t_start\": 200.0, \"env_id\": \"E-v0\"}\nr,l,t\n1.0,10,1.0\n2.0,20,5.0\n");
        dir.Write("run/1.monitor.csv", "#{\"t_start\": 100.0, \"env_id\": \"E-v0\"}\nr,l,t\n10.0,1,102.0\n20.0,2,103.5\n");
        dir.Write("run/2.monitor.csv", "#{\"t_start\": 150.0, \"env_id\": \"E-v0\"}\nr,l,t,is_success\r\n100.0,100,51.0,True\r\n200.0,200,60.0,False\r\n");
        dir.Write("run/3.monitor.csv", "#{\"t_start\": 90.0, \"env_id\": \"E-v0\"}\nr,l,t\n");

        var run = Runs.Load(dir.Path).Single();
        var metric = run.Metric(MonitorRecordReader.ReturnField);
        var episodes = run.Episodes;

        // Absolute ends: env0 201, 205; env1 202, 203.5; env2 201 (a tie with env0's 201: file order), 210.
        // Order: 201 env0 (l 10), 201 env2 (l 100), 202 env1 (l 1), 203.5 env1 (l 2), 205 env0 (l 20), 210 env2 (l 200).
        Assert.Equal([1.0, 100, 10, 20, 2, 200], metric.Points.Select(p => p.Value));
        Assert.Equal([10L, 110, 111, 113, 133, 333], metric.Points.Select(p => p.Step));
        Assert.Equal([201.0, 201, 202, 203.5, 205, 210], metric.Points.Select(p => p.WallTime!.Value));
        // Episode time is load_results' t: the absolute end minus the earliest t_start, 90 (the empty file's).
        Assert.Equal([111.0, 111, 112, 113.5, 115, 120], episodes.Select(e => e.Time!.Value));
        Assert.Equal([null, true, null, null, null, false], episodes.Select(e => e.Success));
        Assert.Equal([0.0, 2, 1, 1, 0, 2], run.Metric(MonitorMergeReader.EnvField).Points.Select(p => p.Value));
        Assert.Empty(run.Scan().Issues);
    }
}
