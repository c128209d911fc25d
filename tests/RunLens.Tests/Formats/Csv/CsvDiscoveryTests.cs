using System.IO.Compression;
using System.Text;
using RunLens.TestSupport;

namespace RunLens.Tests.Formats.Csv;

/// <summary>Where CSV files join runs found by <c>Runs.Load</c>.</summary>
public class CsvDiscoveryTests
{
    [Fact]
    public void Csv_logs_beside_json_logs_belong_to_the_same_run()
    {
        using var dir = new TempDir();
        dir.Write("session_1/all_runs_a.json", "[{\"event\": 1, \"explore\": 0.5}]");
        using (var gz = new GZipStream(File.Create(dir.File("session_1/agent_stats_a.csv.gz")), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes(",step,x,y,map\n0,0,5,3,40\n,step,x,y,map\n0,0,6,3,40\n"));

        var run = Runs.Load(dir.Path).Single();
        var scan = run.Scan();

        Assert.Equal([("session_1/agent_stats_a.csv.gz", FileFormats.Csv), ("session_1/all_runs_a.json", FileFormats.Json)],
            run.Info.Files.Select(f => (f.RelativePath, f.Format)));
        Assert.Equal(3, scan.Records);
        Assert.Equal(11, scan.Field(FieldMap.PositionX)!.Sum);
        Assert.Empty(scan.Issues);
    }

    [Fact]
    public void A_folder_of_csv_logs_alone_is_a_run_and_a_csv_file_loads_on_its_own()
    {
        using var dir = new TempDir();
        var path = dir.Write("lightning/version_0/metrics.csv", "epoch,step,train_loss\n0,49,0.5\n0,99,0.25\n");

        var run = Runs.Load(Path.Combine(dir.Path, "lightning")).Single();
        var single = Runs.Load(path).Single();

        Assert.Equal("version_0", run.Name);
        Assert.Equal((49L, 99L), (run.Scan().StepMin!.Value, run.Scan().StepMax!.Value));
        Assert.Equal(FileFormats.Csv, single.Info.Files.Single().Format);
        Assert.Equal(0.75, single.Scan().Field("train_loss")!.Sum);
    }

    [Fact]
    public void A_ray_trials_progress_csv_is_not_read_beside_its_result_json()
    {
        using var dir = new TempDir();
        dir.Write("trial/params.json", "{\"lr\": 0.01}");
        dir.Write("trial/result.json", "{\"training_iteration\": 1}\n{\"training_iteration\": 2}\n");
        dir.Write("trial/progress.csv", "training_iteration\n1\n2\n");

        var run = Runs.Load(dir.Path).Single();

        // progress.csv is a mirror, checked against result.json and not read when it holds the same points.
        Assert.Equal(["trial/result.json"], run.Info.Files.Where(f => f.Format != FileFormats.Mirror).Select(f => f.RelativePath));
        Assert.Equal(2, run.Scan().Records);
    }
}
