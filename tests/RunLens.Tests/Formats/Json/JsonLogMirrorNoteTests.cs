using RunLens.TestSupport;
using RunLens.Tests.Formats.TensorBoard;

namespace RunLens.Tests.Formats.Json;

/// <summary>
/// A JSON-log run's tensorboard/ folder is usually its writer's mirror: checked against the JSON logs, left out only
/// where it holds the same points, read as a stream of its own where it does not, and never skipped silently.
/// </summary>
public class JsonLogMirrorNoteTests
{
    [Fact]
    public void A_tensorboard_folder_holding_the_json_logs_points_is_verified_and_not_read_again()
    {
        using var dir = new TempDir();
        dir.Write("v1/20250101_000000/json_logs/log.jsonl", "{\"step\": 0, \"loss\": 1.0}\n{\"step\": 10, \"loss\": 0.5}\n");
        new EventFileBuilder().FileVersion().Scalar(0, "loss", 1f).Scalar(10, "loss", 0.5f)
            .Write(dir.File("v1/20250101_000000/tensorboard/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        Assert.Equal(2, scan.Field("loss")!.Count);
        Assert.Null(scan.Field("tensorboard:loss"));
        Assert.Equal(1, scan.Files);
        Assert.Contains("tensorboard/events.out.tfevents.100.host was not read: a verified mirror of json_logs/log.jsonl (each of its 1 metrics has the same points, values compared at float32 precision; the training script writes the same numbers to both).", run.Info.Notes);
    }

    [Fact]
    public void A_tensorboard_folder_with_other_points_is_read_as_its_own_stream_beside_the_json_logs()
    {
        using var dir = new TempDir();
        dir.Write("v1/20250101_000000/json_logs/log.jsonl", "{\"step\": 0, \"loss\": 1.0}\n{\"step\": 10, \"loss\": 0.5}\n");
        // The script logged the loss to TensorBoard at another rate, and a metric the JSON logs lack.
        new EventFileBuilder().FileVersion().Scalar(0, "loss", 1f).Scalar(5, "loss", 0.75f).Scalar(10, "loss", 0.5f).Scalar(10, "lr", 0.001f)
            .Write(dir.File("v1/20250101_000000/tensorboard/run1/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        var scan = run.Scan();

        // The JSON logs' series is unchanged; the event file's points are their own series, on their own steps.
        Assert.Equal((2L, 1.5), (scan.Field("loss")!.Count, scan.Field("loss")!.Sum));
        Assert.Equal((3L, 2.25), (scan.Field("tensorboard/run1:loss")!.Count, scan.Field("tensorboard/run1:loss")!.Sum));
        Assert.Equal(1, scan.Field("tensorboard/run1:lr")!.Count);
        Assert.Equal(2, scan.Files);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("tensorboard/run1/events.out.tfevents.100.host is read as its own stream: it is not a mirror of json_logs/log.jsonl ('loss' has 3 points here and 2 in json_logs/log.jsonl; 'lr' is not in json_logs/log.jsonl)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tensorboard_tag_matches_the_json_name_with_slashes_as_dots_nested_in_an_object()
    {
        using var dir = new TempDir();
        dir.Write("v1/20250101_000000/json_logs/log.jsonl", "{\"step\": 0, \"metrics\": {\"train\": {\"loss\": 1.0}}}\n");
        new EventFileBuilder().FileVersion().Scalar(0, "train/loss", 1f).Write(dir.File("v1/20250101_000000/tensorboard/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Contains(run.Info.Notes, n => n.StartsWith("tensorboard/events.out.tfevents.100.host was not read: a verified mirror", StringComparison.Ordinal));
        Assert.Equal(["metrics.train.loss", "step"], run.Scan().Fields.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_tag_that_could_be_either_of_two_json_names_is_not_taken_for_a_mirror()
    {
        using var dir = new TempDir();
        // 'loss' could be a.loss or b.loss: neither is assumed.
        dir.Write("v1/20250101_000000/json_logs/log.jsonl", "{\"step\": 0, \"a\": {\"loss\": 1.0}, \"b\": {\"loss\": 1.0}}\n");
        new EventFileBuilder().FileVersion().Scalar(0, "loss", 1f).Write(dir.File("v1/20250101_000000/tensorboard/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Contains(run.Info.Notes, n => n.Contains("is read as its own stream: it is not a mirror of json_logs/log.jsonl ('loss' is not in json_logs/log.jsonl)", StringComparison.Ordinal));
        Assert.Equal(1, run.Scan().Field("tensorboard:loss")!.Count);
    }
}
