using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

/// <summary>Runs.Load on one file reads it as the format that owns it would, with that file alone.</summary>
public class SingleFileTests
{
    [Fact]
    public void A_tensorboard_event_file_loads_alone_from_a_folder_of_several()
    {
        using var dir = new TempDir();
        string first;
        using (var writer = new TensorBoardEventWriter(dir.Path, 1_700_000_000, host: "a"))
        {
            writer.WriteScalars(1, 1_700_000_001, [new("loss", 0.5)]);
            writer.WriteScalars(2, 1_700_000_002, [new("loss", 0.25)]);
        }
        first = Directory.GetFiles(dir.Path).Single();
        using (var writer = new TensorBoardEventWriter(dir.Path, 1_700_000_100, host: "b"))
            writer.WriteScalars(3, 1_700_000_101, [new("loss", 0.125)]);

        var run = Assert.Single(Runs.Load(first));

        Assert.Equal("tensorboard", run.Info.Format);
        Assert.Equal(System.IO.Path.GetFileName(first), run.Name);
        Assert.Equal([0.5, 0.25], run.Metric("loss").Points.Select(p => p.Value));
    }

    [Fact]
    public void A_monitor_file_loads_with_its_episodes()
    {
        using var dir = new TempDir();
        var path = dir.Write("0.monitor.csv", "#{\"t_start\": 1700000000.0, \"env_id\": \"CartPole-v1\"}\nr,l,t\n10.0,10,0.5\n30.0,30,1.5\n");

        var run = Assert.Single(Runs.Load(path));

        Assert.Equal("sb3", run.Info.Format);
        Assert.Equal([10.0, 30.0], run.Episodes.Select(e => e.Return));
        Assert.Equal(2, run.Scan().Records);
    }

    [Fact]
    public void A_csv_log_that_no_format_claims_reads_as_csv()
    {
        using var dir = new TempDir();
        // "reward" is an alias of rewards.total in the default field map.
        var path = dir.Write("stats.csv", "step,reward\n1,0.5\n2,1.5\n");

        var run = Assert.Single(Runs.Load(path));

        Assert.Equal([0.5, 1.5], run.Metric("rewards.total").Points.Select(p => p.Value));
        Assert.Empty(run.Scan().Issues);
    }

    [Fact]
    public void A_file_no_format_reads_is_refused_with_what_to_give()
    {
        using var dir = new TempDir();
        var path = dir.Write("notes.txt", "hello");

        var ex = Assert.Throws<RunLoadException>(() => Runs.Load(path));

        Assert.Contains("TensorBoard event file", ex.Message);
    }

    [Fact]
    public void A_json_log_beside_others_loads_alone()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.jsonl", "{\"step\": 1, \"loss\": 0.5}\n");
        dir.Write("b.jsonl", "{\"step\": 2, \"loss\": 0.25}\n");

        var run = Assert.Single(Runs.Load(path));

        Assert.Equal("a.jsonl", run.Name);
        Assert.Equal([path], run.Info.Files.Select(f => f.Path));
        Assert.Equal([0.5], run.Metric("loss").Points.Select(p => p.Value));
    }
}
