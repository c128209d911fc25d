using System.Globalization;
using RunLens.Samples.CartPole;

namespace RunLens.Samples;

public static partial class SampleRuns
{
    /// <summary>Points logged per run whatever its number of updates, so every cell of the sweep costs the same.</summary>
    private const int CartPoleLogPoints = 48;

    private static string WriteCartPole(string root)
    {
        var start = new DateTime(2025, 8, 4, 9, 0, 0, DateTimeKind.Utc);
        var mlruns = Path.Combine(root, "cartpole-ppo", "mlruns");
        var index = 0;
        foreach (var options in CartPoleSweep.Runs())
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"lr={options.LearningRate:R},batch={options.BatchSize}");
            var dir = Path.Combine(root, "cartpole-ppo", name, $"seed_{options.Seed}");
            var begin = UnixSeconds(start.AddMinutes(30 * index));
            var clock = new ManualClock(begin);
            var sinks = new IScalarSink[]
            {
                new TensorBoardEventWriter(Path.Combine(dir, "tensorboard"), begin),
                new MlflowRunWriter(mlruns, begin, new MlflowRunOptions
                {
                    ExperimentId = "1", ExperimentName = "cartpole-ppo", Seed = index, RunName = $"{name},seed={options.Seed}",
                    ArtifactLocation = "./mlruns/1",
                }),
            };
            using var writer = RunWriter.Create(dir, new RunWriterOptions { Sinks = sinks, Clock = clock.Read, NonFinite = NonFiniteHandling.PythonLiterals });
            writer.WriteConfig(
            [
                new("algorithm", "ppo"), new("env", "CartPole-v1"), new("learning_rate", options.LearningRate),
                new("batch_size", options.BatchSize), new("seed", options.Seed), new("epochs", options.Epochs),
                new("minibatch_size", options.MinibatchSize), new("gamma", options.Gamma), new("gae_lambda", options.Lambda),
                new("clip_range", options.ClipRange), new("ent_coef", options.EntropyCoef), new("vf_coef", options.ValueCoef),
                new("hidden", options.Hidden), new("num_envs", options.NumEnvs), new("updates", options.Updates),
            ]);
            var every = Math.Max(1, options.Updates / CartPoleLogPoints);
            var batches = new BatchLogger(writer, new BatchLoggingOptions(LogFrequency: every, SampleFrequency: every * 8, NumSamples: 4, Seed: (int)options.Seed));
            new PpoTrainer(options).Train(update =>
            {
                // A second of wall time per thousand environment steps: a plausible, reproducible clock.
                clock.Now = begin + update.EnvSteps / 1000.0;
                LogPpoUpdate(writer, batches, update, every);
            });
            index++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"cartpole PPO sweep: {index} runs (JSONL, TensorBoard, MLflow)");
    }

    private static void LogPpoUpdate(RunWriter writer, BatchLogger batches, PpoUpdate update, int every)
    {
        KeyValuePair<string, double>[] extra =
        [
            new("env_steps", update.EnvSteps), new("policy_loss", update.PolicyLoss), new("value_loss", update.ValueLoss),
            new("entropy", update.Entropy), new("approx_kl", update.ApproxKl), new("clip_fraction", update.ClipFraction),
            new("grad_norm", update.GradNorm), new("explained_variance", update.ExplainedVariance),
            new("learning_rate", update.LearningRate), new("action_prob_left", update.MeanProbLeft),
            new("action_prob_right", update.MeanProbRight),
        ];
        if (update.EpisodeReturns.Length > 0)
        {
            var success = update.EpisodeLengths.Select(l => l >= CartPoleEnv.MaxSteps).ToArray();
            var lengths = update.EpisodeLengths.Select(l => (double)l).ToArray();
            batches.LogBatch(update.Update, update.EpisodeReturns, lengths, success, extra);
        }
        else if (update.Update % every == 0)
        {
            // Long episodes can outlast a whole batch: no episode ended, but the losses are still worth a point.
            writer.LogScalars(update.Update, extra);
        }
    }
}
