using System.Globalization;
using RunLens.Samples.Exploration;

namespace RunLens.Samples;

public static partial class SampleRuns
{
    private const int ExplorationSeeds = 3;
    private const int ExplorationEnvs = 2;

    private static string WriteExploration(string root)
    {
        var start = new DateTime(2025, 7, 26, 13, 7, 14, DateTimeKind.Utc);
        long records = 0;
        var runs = 0;
        for (var variant = 1; variant <= ExplorationTrainerOptions.VariantBonuses.Count; variant++)
        {
            for (var seed = 0; seed < ExplorationSeeds; seed++)
            {
                var index = (variant - 1) * ExplorationSeeds + seed;
                var dir = Path.Combine(root, "experiments", $"v{variant}", Timestamp(start, index));
                var options = ExplorationTrainerOptions.ForVariant(variant, seed + 1) with { Envs = ExplorationEnvs };
                var clock = new ManualClock(UnixSeconds(start.AddMinutes(97 * index)));
                using var writer = RunWriter.Create(dir, new RunWriterOptions
                {
                    // v1-v2 write the older flat layout, v3-v4 the nested one, as the logs this mimics did.
                    Layout = variant <= 2 ? RecordLayout.Flat : RecordLayout.Nested,
                    FilePerEnv = true,
                    RecordsPerFile = 1_000,
                    // Most chunks compressed to keep the folder small; the first seed keeps every other one plain.
                    GzipEvery = seed == 0 ? 2 : 1,
                    Clock = clock.Read,
                });
                writer.WriteConfig(
                [
                    new("variant", $"v{variant}"), new("seed", seed + 1), new("exploration_bonus", options.ExplorationBonus),
                    new("algorithm", "q_lambda"), new("num_envs", options.Envs), new("steps_per_env", options.StepsPerEnv),
                    new("episode_length", options.EpisodeLength), new("alpha", options.Alpha), new("gamma", options.Gamma),
                    new("lambda", options.Lambda), new("epsilon_start", options.EpsilonStart), new("epsilon_end", options.EpsilonEnd),
                ]);
                ExplorationTrainer.Run(options, onStep: record =>
                {
                    writer.LogStep(record);
                    records++;
                });
                runs++;
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"exploration game: {runs} runs, {records:N0} step records");
    }
}
