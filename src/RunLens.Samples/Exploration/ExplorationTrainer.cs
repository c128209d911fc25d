namespace RunLens.Samples.Exploration;

/// <summary>
/// Trains one <see cref="QLearningAgent"/> on the exploration game with several environments stepped in turn, and
/// reports every step and every episode end. Deterministic: the same options give the same calls in the same order.
/// </summary>
/// <example>
/// <code>
/// var episodes = ExplorationTrainer.Run(ExplorationTrainerOptions.ForVariant(3, seed: 1),
///     onStep: record => writer.Write(record), onEpisode: e => Console.WriteLine(e.Return));
/// </code>
/// </example>
public static class ExplorationTrainer
{
    /// <summary>Runs training; an episode cut by the end of the run is not reported.</summary>
    /// <param name="options">What to run; null for the defaults.</param>
    /// <param name="onStep">Called for every environment step (step counters are per environment).</param>
    /// <param name="onEpisode">Called at every episode end.</param>
    /// <returns>Every finished episode, in the order they finished.</returns>
    public static IReadOnlyList<ExplorationEpisode> Run(ExplorationTrainerOptions? options = null,
        Action<GameStepRecord>? onStep = null, Action<ExplorationEpisode>? onEpisode = null)
    {
        var o = options ?? new ExplorationTrainerOptions();
        o.Validate();
        var world = new GridWorld(o.Maps, Prng.Seed(o.WorldSeed, 0x3041D));
        var games = new ExplorationGame[o.Envs];
        var sums = new RewardComponents[o.Envs];
        var counts = new int[o.Envs];
        for (var env = 0; env < o.Envs; env++)
            games[env] = new ExplorationGame(world, o.ExplorationBonus, o.EpisodeLength, (long)Prng.Seed(o.Seed, env));
        var agent = new QLearningAgent(games[0].StateCount, ExplorationGame.ActionCount, o.Envs, o.Alpha, o.Gamma,
            o.Lambda, o.CountBonus, o.Seed, o.InitialValue);
        var episodes = new List<ExplorationEpisode>();
        for (var step = 0; step < o.StepsPerEnv; step++)
        {
            var progress = (double)step / o.StepsPerEnv;
            var epsilon = o.EpsilonEnd + (o.EpsilonStart - o.EpsilonEnd) * Math.Exp(-o.EpsilonDecayRate * progress);
            for (var env = 0; env < o.Envs; env++)
            {
                var game = games[env];
                var state = game.State;
                var action = agent.SelectAction(state, epsilon);
                var result = game.Step(action);
                agent.Learn(env, state, action, result.Rewards.Total, game.State, result.Died);
                sums[env] = Add(sums[env], result.Rewards);
                onStep?.Invoke(new GameStepRecord(step, env, game.X, game.Y, game.MapId, result.Rewards, action, game.Hp));
                if (!result.Done)
                    continue;
                var summary = new ExplorationEpisode(env, counts[env]++, step, game.EpisodeStep, sums[env].Total,
                    sums[env], game.DistinctCells, game.DeepestMap, result.Died, epsilon);
                episodes.Add(summary);
                onEpisode?.Invoke(summary);
                agent.EndEpisode(env);
                sums[env] = default;
                game.Reset();
            }
        }
        return episodes;
    }

    private static RewardComponents Add(RewardComponents a, RewardComponents b) => new(
        a.Event + b.Event, a.Level + b.Level, a.Heal + b.Heal, a.Badge + b.Badge, a.Explore + b.Explore,
        a.Dead + b.Dead, a.Stuck + b.Stuck);
}
