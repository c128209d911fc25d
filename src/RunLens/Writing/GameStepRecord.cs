namespace RunLens;

/// <summary>One step of one environment of the exploration game, as training logs record it.</summary>
/// <param name="Step">The environment's step counter.</param>
/// <param name="Env">The index of the parallel environment.</param>
/// <param name="X">The agent's cell column.</param>
/// <param name="Y">The agent's cell row.</param>
/// <param name="Map">The id of the map (room) the agent is on.</param>
/// <param name="Rewards">The step's reward by component; the logged total is <see cref="RewardComponents.Total"/>.</param>
/// <param name="Action">The action taken.</param>
/// <param name="Hp">The agent's health after the step, 0 to 1.</param>
public readonly record struct GameStepRecord(
    long Step, int Env, int X, int Y, int Map, RewardComponents Rewards, int Action, double Hp);
