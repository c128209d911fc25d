namespace RunLens.Samples;

/// <summary>
/// One environment with its agent: an epsilon-greedy walker that, when greedy, steps to the neighbouring cell it has
/// visited least this episode. Epsilon decays over the run (faster for a larger exploration bonus), so early steps
/// are a random walk and late ones sweep new ground. Rewards come from what happens: a new cell, an event cell,
/// a won fight, healing, a badge map reached, death, bumping into walls again and again.
/// </summary>
internal sealed class ExplorerEnv
{
    private static readonly (int Dx, int Dy)[] Moves = [(0, -1), (0, 1), (-1, 0), (1, 0)];

    private readonly GridWorld _world;
    private readonly int _env;
    private readonly double _bonus;
    private readonly double _decay;
    private readonly long _totalSteps;
    private readonly int _episodeLength;
    private readonly int[] _visits;
    private readonly int[] _lifetimeVisits;
    private readonly bool[] _mapsReached;
    private static readonly CellRewards Rewards = new(Event: 0.005, Level: 0.0003, Heal: 0.01);

    private Prng _rng;
    private int _map, _x, _y, _bumps, _episodeStep;
    private double _hp;
    private long _step;

    public ExplorerEnv(GridWorld world, ulong seed, int env, double bonus, long totalSteps, int episodeLength)
    {
        _world = world;
        _env = env;
        _bonus = bonus;
        // A larger bonus makes the policy turn greedy (novelty-seeking) sooner.
        _decay = 2 + 40 * bonus;
        _totalSteps = Math.Max(1, totalSteps);
        _episodeLength = episodeLength;
        _visits = new int[world.CellCount];
        _lifetimeVisits = new int[world.CellCount];
        _mapsReached = new bool[world.Maps];
        _rng = new Prng(seed);
        Reset();
    }

    public GameStepRecord Next()
    {
        var progress = (double)_step / _totalSteps;
        var epsilon = 0.05 + 0.95 * Math.Exp(-_decay * progress);
        // Actions 4-6 (buttons) do not move: a random policy wastes some steps, as real ones do.
        var action = _rng.NextDouble() < epsilon ? _rng.Next(7) : Greedy();
        double ev = 0, level = 0, heal = 0, badge = 0, explore = 0, dead = 0, stuck = 0;
        if (action < 4)
        {
            var (nx, ny) = (_x + Moves[action].Dx, _y + Moves[action].Dy);
            var kind = _world[_map, nx, ny];
            if (kind == CellKind.Wall)
            {
                if (++_bumps >= 3)
                    stuck = -0.01;
            }
            else
            {
                _bumps = 0;
                if (kind == CellKind.Door)
                {
                    _visits[GridWorld.Index(_map, nx, ny)]++;
                    (_map, nx, ny) = GridWorld.Through(_map, nx);
                    kind = _world[_map, nx, ny];
                    if (!_mapsReached[_map])
                    {
                        _mapsReached[_map] = true;
                        if (_map % 3 == 2)
                            badge = 1;
                    }
                }
                (_x, _y) = (nx, ny);
                _lifetimeVisits[GridWorld.Index(_map, _x, _y)]++;
                var firstVisit = _visits[GridWorld.Index(_map, _x, _y)]++ == 0;
                if (firstVisit)
                    explore = _bonus;
                (ev, level, heal) = CellEffects.Enter(kind, _map, firstVisit, ref _hp, ref _rng, Rewards);
            }
        }
        var died = _hp <= 1e-9;
        if (died)
        {
            dead = -0.1;
            _hp = 0;
        }
        var record = new GameStepRecord(_step, _env, _x, _y, GridWorld.MapId(_map),
            new RewardComponents(ev, level, heal, badge, explore, dead, stuck), action, _hp);
        _step++;
        if (died || ++_episodeStep >= _episodeLength)
            Reset();
        return record;
    }

    private int Greedy()
    {
        // Fewest visits this episode first, then fewest over the whole run: what a count-based bonus teaches.
        var best = -1;
        var bestVisits = long.MaxValue;
        var start = _rng.Next(4);
        for (var i = 0; i < 4; i++)
        {
            var a = (start + i) & 3;
            var (nx, ny) = (_x + Moves[a].Dx, _y + Moves[a].Dy);
            if (_world[_map, nx, ny] == CellKind.Wall)
                continue;
            var cell = GridWorld.Index(_map, nx, ny);
            var visits = ((long)_visits[cell] << 32) + _lifetimeVisits[cell];
            if (visits < bestVisits)
                (best, bestVisits) = (a, visits);
        }
        return best < 0 ? _rng.Next(4) : best;
    }

    private void Reset()
    {
        Array.Clear(_visits);
        Array.Clear(_mapsReached);
        (_map, _x, _y) = (0, 3, GridWorld.DoorRow);
        _mapsReached[0] = true;
        _visits[GridWorld.Index(_map, _x, _y)] = 1;
        _hp = 1;
        _bumps = 0;
        _episodeStep = 0;
    }
}
