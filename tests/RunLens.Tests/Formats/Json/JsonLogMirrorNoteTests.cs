using RunLens.TestSupport;
using RunLens.Tests.Formats.TensorBoard;

namespace RunLens.Tests.Formats.Json;

/// <summary>A JSON-log run's tensorboard/ folder is its writer's mirror: not read twice, and never skipped silently.</summary>
public class JsonLogMirrorNoteTests
{
    [Fact]
    public void A_tensorboard_folder_beside_json_logs_is_not_a_run_and_the_run_says_it_was_not_read()
    {
        using var dir = new TempDir();
        dir.Write("v1/20250101_000000/json_logs/log.jsonl", "{\"step\": 0, \"loss\": 1.0}\n");
        new EventFileBuilder().FileVersion().Scalar(0, "loss", 1f).Write(dir.File("v1/20250101_000000/tensorboard/events.out.tfevents.100.host"));

        var run = Assert.Single(Runs.Load(dir.Path));
        Assert.Equal(1, run.Scan().Field("loss")!.Count);
        Assert.Contains("tensorboard/ (1 event files) is not read: it mirrors the JSON logs' metrics (not checked point by point); load tensorboard/ on its own to read it", run.Info.Notes);
    }
}
