using System.Globalization;

namespace RunLens.Samples;

/// <summary>
/// Writes the repository's <c>sample-runs/</c> by really training small agents and logging them through the
/// RunLens logging API: the exploration game (tabular Q(λ), variants v1-v4 x 3 seeds, per-step JSON logs), a
/// CartPole PPO sweep (learning rate x batch size x 3 seeds, each run as JSONL, TensorBoard events and an MLflow
/// file store at once), one cell of that sweep again as Stable-Baselines3 logs it (Monitor files and progress.csv) and a
/// 3-D waypoint drone (cross-entropy method, per-update metrics and snapshot episodes), and CartPole demonstrations in
/// <c>imitation</c>'s trajectory layout.
/// Deterministic: every clock and id derives from the seeds, so the same call writes the same bytes.
/// </summary>
public static partial class SampleRuns
{
    /// <summary>The experiment folders written under the output folder.</summary>
    public static IReadOnlyList<string> Folders { get; } = ["experiments", "cartpole-ppo", Sb3Folder, "drone-cem", RolloutsFolder];

    /// <summary>
    /// Trains and writes every sample run under <paramref name="outDir"/>, replacing the folders in
    /// <see cref="Folders"/> (anything else there, such as a README, is left alone).
    /// </summary>
    /// <returns>One line per task saying what was written.</returns>
    public static IReadOnlyList<string> Write(string outDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        foreach (var folder in Folders.Append(SyntheticManifest.ExperimentsFolder).Distinct())
        {
            var path = Path.Combine(root, folder);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        File.Delete(Path.Combine(root, SyntheticManifest.FileName));
        return [WriteExploration(root), WriteCartPole(root), WriteCartPoleSb3(root), WriteDrone(root), WriteRollouts(root)];
    }

    /// <summary>A run folder's timestamp, fixed by the run's index so the tree is the same on every machine.</summary>
    private static string Timestamp(DateTime start, int index) =>
        start.AddMinutes(97 * index).ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    private static double UnixSeconds(DateTime time) => (time - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>A clock the run writers read: the trainer sets it before logging, so wall times are reproducible.</summary>
    private sealed class ManualClock(double start)
    {
        public double Now { get; set; } = start;

        public Func<double> Read => () => Now;
    }
}
