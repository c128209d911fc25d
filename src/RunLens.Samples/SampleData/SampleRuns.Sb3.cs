using System.Globalization;
using RunLens.Samples.CartPole;

namespace RunLens.Samples;

public static partial class SampleRuns
{
    /// <summary>The sweep cell logged again as Stable-Baselines3 would: learning rate and batch size.</summary>
    internal const double Sb3LearningRate = 3e-4;

    /// <summary>The batch size of the cell written in SB3's layout.</summary>
    internal const int Sb3BatchSize = 512;

    /// <summary>The folder of the SB3 runs, under the output folder.</summary>
    internal const string Sb3Folder = "cartpole-ppo-sb3";

    /// <summary>
    /// One cell of the CartPole sweep (its three seeds) trained again and logged as SB3's PPO does:
    /// <c>PPO_&lt;seed + 1&gt;/</c> with a Monitor file per environment and the logger's progress.csv.
    /// </summary>
    private static string WriteCartPoleSb3(string root)
    {
        var start = new DateTime(2025, 8, 4, 9, 0, 0, DateTimeKind.Utc);
        var sweep = CartPoleSweep.Runs();
        var episodes = 0;
        foreach (var seed in CartPoleSweep.Seeds)
        {
            var options = CartPoleSweep.Options(Sb3LearningRate, Sb3BatchSize, seed);
            // The same training as the sweep's run of this cell and seed, so the same clock: it starts where that run's does.
            var begin = UnixSeconds(start.AddMinutes(30 * sweep.ToList().IndexOf(options)));
            var dir = Path.Combine(root, Sb3Folder, string.Create(CultureInfo.InvariantCulture, $"PPO_{seed + 1}"));
            episodes += WriteSb3Run(dir, options, begin);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"cartpole PPO as SB3 logs it: {CartPoleSweep.Seeds.Count} runs, {episodes:N0} monitor rows (monitor.csv, progress.csv)");
    }

    /// <summary>Trains one run and writes its SB3 logs; returns the number of finished episodes.</summary>
    private static int WriteSb3Run(string dir, PpoOptions options, double begin)
    {
        Directory.CreateDirectory(dir);
        var monitors = new Sb3MonitorWriter[options.NumEnvs];
        for (var e = 0; e < monitors.Length; e++)
            monitors[e] = new Sb3MonitorWriter(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{e}.monitor.csv")), begin, "CartPole-v1");
        try
        {
            var progress = new Sb3ProgressCsv();
            // SB3's ep_info_buffer: the last 100 finished episodes (stats_window_size), as their Monitor rows round them.
            var window = new Queue<(double Return, int Length)>();
            var episodes = 0;
            new PpoTrainer(options).Train(update =>
            {
                for (var k = 0; k < update.EpisodeReturns.Length; k++)
                {
                    // The sample's clock: a second per thousand environment steps, as the other writers use.
                    monitors[update.EpisodeEnvs[k]].Episode(update.EpisodeReturns[k], update.EpisodeLengths[k], update.EpisodeEndSteps[k] / 1000.0);
                    window.Enqueue((Math.Round(update.EpisodeReturns[k], 6), update.EpisodeLengths[k]));
                    if (window.Count > 100)
                        window.Dequeue();
                    episodes++;
                }
                LogSb3Iteration(progress, options, update, window);
            });
            progress.Save(Path.Combine(dir, "progress.csv"));
            return episodes;
        }
        finally
        {
            foreach (var monitor in monitors)
                monitor.Dispose();
        }
    }

    /// <summary>
    /// What SB3's OnPolicyAlgorithm logs after collecting a rollout: <c>rollout/*</c> (once an episode has ended)
    /// and <c>time/*</c>, dumped at the total timesteps, then <c>train()</c>'s <c>train/*</c>, which stay pending
    /// until the next dump: so the first row has no train cells and the last update's training is never written.
    /// SB3's keys are filled with what this PPO computes; <c>train/loss</c> (SB3's last minibatch's total loss) is not
    /// kept by it and is left out.
    /// </summary>
    private static void LogSb3Iteration(Sb3ProgressCsv progress, PpoOptions options, PpoUpdate update, Queue<(double Return, int Length)> window)
    {
        var steps = update.EnvSteps;
        progress.Record("time/iterations", update.Update + 1);
        if (window.Count > 0)
        {
            // np.mean sums pairwise, LINQ in order: the same here, as CartPole's returns and lengths are whole numbers.
            progress.Record("rollout/ep_rew_mean", window.Average(w => w.Return));
            progress.Record("rollout/ep_len_mean", window.Average(w => (double)w.Length));
        }
        // SB3: time_elapsed = (now - start) in float seconds; fps = int(steps / time_elapsed); time_elapsed logged as int.
        var elapsed = steps / 1000.0;
        progress.Record("time/fps", (long)(steps / elapsed));
        progress.Record("time/time_elapsed", (long)elapsed);
        progress.Record("time/total_timesteps", steps);
        progress.Dump();

        progress.Record("train/entropy_loss", -update.Entropy);
        progress.Record("train/policy_gradient_loss", update.PolicyLoss);
        // SB3's value loss is the mean squared error; this PPO's ValueLoss is half of it.
        progress.Record("train/value_loss", 2 * update.ValueLoss);
        progress.Record("train/approx_kl", update.ApproxKl);
        progress.Record("train/clip_fraction", update.ClipFraction);
        progress.Record("train/explained_variance", update.ExplainedVariance);
        progress.Record("train/n_updates", (long)options.Epochs * (update.Update + 1));
        progress.Record("train/clip_range", options.ClipRange);
        progress.Record("train/learning_rate", update.LearningRate);
    }
}
