using RunLens.TestSupport;

namespace RunLens.Tests.Formats.MlAgents;

public class MlAgentsFormatTests
{
    // The shape mlagents-learn writes to results/<run-id>/configuration.yaml, cut down by hand.
    private const string Configuration = """
        default_settings: null
        behaviors:
          3DBall:
            trainer_type: ppo
            hyperparameters:
              batch_size: 64
              learning_rate: 0.0003
              learning_rate_schedule: linear
            network_settings:
              hidden_units: 128
              memory: null
            reward_signals:
              extrinsic:
                gamma: 0.99
            max_steps: 500000
        env_settings:
          env_path: null
          seed: 7
        checkpoint_settings:
          run_id: ball
        """;

    private const string TrainingStatus = """
        {
            "3DBall": {
                "checkpoints": [
                    {"steps": 1000, "file_path": "results/ball/3DBall/3DBall-1000.onnx", "reward": 1.5, "creation_time": 1700000000.0, "auxillary_file_paths": []},
                    {"steps": 2000, "file_path": "results/ball/3DBall/3DBall-2000.onnx", "reward": 2.5, "creation_time": 1700000100.0, "auxillary_file_paths": []}
                ],
                "final_checkpoint": {"steps": 2000, "file_path": "results/ball/3DBall.onnx", "reward": 2.5, "creation_time": 1700000100.0, "auxillary_file_paths": []}
            },
            "metadata": {"stats_format_version": "0.3.0", "mlagents_version": "1.1.0", "torch_version": "2.2.1"}
        }
        """;

    private const string Timers = """
        {"name": "root", "gauges": {"3DBall.Policy.Entropy.mean": {"value": 1.4, "min": 1.3, "max": 1.5, "count": 2}},
         "metadata": {"timer_format_version": "0.1.0", "start_time_seconds": "1700000000", "mlagents_version": "1.1.0"},
         "total": 100.5, "count": 1, "self": 0.5}
        """;

    private static void WriteBehavior(string folder)
    {
        using var writer = new TensorBoardEventWriter(folder, 1700000000);
        writer.WriteScalars(1000, 1700000010, [new("Environment/Cumulative Reward", 1.5), new("Losses/Policy Loss", 0.25)]);
        writer.WriteScalars(2000, 1700000020, [new("Environment/Cumulative Reward", 2.5), new("Losses/Policy Loss", 0.125)]);
    }

    [Fact]
    public void A_results_folder_is_one_run_with_its_configuration_status_and_behavior_series()
    {
        using var dir = new TempDir();
        dir.Write("results/ball/configuration.yaml", Configuration);
        dir.Write("results/ball/run_logs/training_status.json", TrainingStatus);
        dir.Write("results/ball/run_logs/timers.json", Timers);
        WriteBehavior(Path.Combine(dir.Path, "results", "ball", "3DBall"));

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal(("results/ball", "ml-agents"), (run.Name, run.Info.Format));
        var config = run.Info.Config;
        Assert.Equal(64, config["behaviors.3DBall.hyperparameters.batch_size"].Number);
        Assert.Equal("linear", config["behaviors.3DBall.hyperparameters.learning_rate_schedule"].Text);
        Assert.True(config["behaviors.3DBall.network_settings.memory"].IsNull);
        Assert.True(config["default_settings"].IsNull);
        Assert.Equal(7, run.Info.Seed);
        Assert.Equal(("1.1.0", "2.2.1", "3DBall"), (run.Info.Tags["mlagents.mlagents_version"], run.Info.Tags["mlagents.torch_version"], run.Info.Tags["mlagents.behavior"]));
        Assert.Equal("1700000000", run.Info.Tags["timers.start_time_seconds"]);
        Assert.Contains("training_status.json: 2 checkpoints, the last at step 2000, mean reward 2.5, results/ball/3DBall/3DBall-2000.onnx", run.Info.Notes);
        Assert.Contains("training_status.json: final checkpoint at step 2000, mean reward 2.5, results/ball/3DBall.onnx", run.Info.Notes);
        Assert.Contains(run.Info.Notes, n => n.StartsWith("timers.json: 1 gauges", StringComparison.Ordinal));
        // The event files' tags are the series, under the names ML-Agents wrote.
        var reward = run.Metric("Environment/Cumulative Reward");
        Assert.Equal([(1000L, 1.5), (2000L, 2.5)], reward.Points.Select(p => (p.Step, p.Value)));
        Assert.Equal(["Environment/Cumulative Reward", "Losses/Policy Loss"], run.Scan().Fields.Select(f => f.Name));
        Assert.Empty(Runs.Load(dir.Path).Issues);
    }

    [Fact]
    public void Several_behaviors_are_one_run_each_with_only_their_own_settings()
    {
        using var dir = new TempDir();
        dir.Write("ball/configuration.yaml", "behaviors:\n  Red:\n    max_steps: 10\n  Blue:\n    max_steps: 20\nenv_settings:\n  seed: -1\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "ball", "run_logs"));
        WriteBehavior(Path.Combine(dir.Path, "ball", "Blue"));
        WriteBehavior(Path.Combine(dir.Path, "ball", "Red"));

        var runs = Runs.Load(dir.Path);

        Assert.Equal(["ball/Blue", "ball/Red"], runs.Select(r => r.Name));
        Assert.Equal(["behaviors.Blue.max_steps", "env_settings.seed"], runs[0].Info.Config.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10, runs[1].Info.Config["behaviors.Red.max_steps"].Number);
        // -1 is ML-Agents' "pick a random seed": no seed is known.
        Assert.Null(runs[0].Info.Seed);
    }

    [Fact]
    public void A_folder_without_run_logs_is_left_to_tensorboard()
    {
        using var dir = new TempDir();
        dir.Write("ball/configuration.yaml", Configuration);
        WriteBehavior(Path.Combine(dir.Path, "ball", "3DBall"));

        var run = Assert.Single(Runs.Load(dir.Path));

        Assert.Equal("tensorboard", run.Info.Format);
    }
}
