namespace RunLens.Samples.Exploration;

/// <summary>What one step of an <see cref="ExplorationGame"/> produced.</summary>
/// <param name="Rewards">The step's reward by component.</param>
/// <param name="NewCell">True when the agent entered a cell it had not visited this episode.</param>
/// <param name="Died">True when health reached 0: the episode ends.</param>
/// <param name="Done">True when the episode ended (death or the episode length reached).</param>
public readonly record struct ExplorationStep(RewardComponents Rewards, bool NewCell, bool Died, bool Done);
