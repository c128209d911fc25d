namespace RunLens.Samples.Exploration;

/// <summary>The summary of one finished episode of one environment.</summary>
/// <param name="Env">The environment.</param>
/// <param name="Episode">The episode's index within its environment, from 0.</param>
/// <param name="EndStep">The environment step counter of the episode's last step.</param>
/// <param name="Steps">The episode's length in steps.</param>
/// <param name="Return">The undiscounted sum of the game's rewards (no learning bonus).</param>
/// <param name="Rewards">The episode's reward summed by component.</param>
/// <param name="DistinctCells">Distinct cells visited (the start cell included).</param>
/// <param name="DeepestMap">The deepest map index reached (0 is the start town).</param>
/// <param name="Died">True when the episode ended in death.</param>
/// <param name="Epsilon">The exploration rate at the episode's end.</param>
public sealed record ExplorationEpisode(
    int Env, int Episode, long EndStep, int Steps, double Return, RewardComponents Rewards, int DistinctCells,
    int DeepestMap, bool Died, double Epsilon);
