namespace RunLens.Samples.Exploration;

/// <summary>
/// The exploration game as a learning environment over the same world as <see cref="SyntheticExperiment"/>: a chain
/// of maps joined by doors, with walls, grass (fights that cost health and sometimes give a level), event cells and a
/// healing cell per map. Four actions move north, south, west and east. Rewards by component: event (a new event
/// cell), level (a won fight), heal, badge (maps 3 and 6 reached), explore (a cell new this episode, times the
/// variant's exploration bonus), dead (health reached 0, ends the episode) and stuck (bumping walls again and again).
/// </summary>
public sealed class ExplorationGame
{
    /// <summary>The number of actions: 0 north, 1 south, 2 west, 3 east.</summary>
    public const int ActionCount = 4;

    private static readonly (int Dx, int Dy)[] Moves = [(0, -1), (0, 1), (-1, 0), (1, 0)];

    private readonly GridWorld _world;
    private readonly double _bonus;
    private readonly int _episodeLength;
    private readonly bool[] _visited;
    private readonly bool[] _mapsReached;
    // Ten times the simulated walker's sizes: a learner needs the signal.
    private static readonly CellRewards Rewards = new(Event: 0.05, Level: 0.003, Heal: 0.1);

    private Prng _rng;
    private int _bumps;

    /// <summary>Creates a game and starts its first episode.</summary>
    /// <param name="maps">How many maps the chain has, 1 to 10.</param>
    /// <param name="worldSeed">The seed of the world's layout (shared by every variant and seed of an experiment).</param>
    /// <param name="explorationBonus">The explore reward for a cell new this episode.</param>
    /// <param name="episodeLength">The step limit of an episode.</param>
    /// <param name="seed">The seed of the game's own randomness (fights).</param>
    public ExplorationGame(int maps, long worldSeed, double explorationBonus, int episodeLength, long seed)
        : this(new GridWorld(maps, Prng.Seed(worldSeed, 0x3041D)), explorationBonus, episodeLength, seed)
    {
    }

    internal ExplorationGame(GridWorld world, double explorationBonus, int episodeLength, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(episodeLength);
        if (!double.IsFinite(explorationBonus) || explorationBonus < 0)
            throw new ArgumentOutOfRangeException(nameof(explorationBonus));
        _world = world;
        _bonus = explorationBonus;
        _episodeLength = episodeLength;
        _visited = new bool[world.CellCount];
        _mapsReached = new bool[world.Maps];
        _rng = new Prng(Prng.Seed(seed, 0x6A3E));
        Reset();
    }

    /// <summary>The number of distinct learning states: every cell, with health low or not, times 16 neighbourhoods.</summary>
    public int StateCount => _world.CellCount * 32;

    /// <summary>
    /// The learning state: the cell (map, x, y), whether health is low (below 0.35), and which of the four
    /// neighbouring cells this episode has visited (what makes the explore reward predictable from the state).
    /// </summary>
    public int State => (GridWorld.Index(Map, X, Y) * 2 + (Hp < 0.35 ? 1 : 0)) * 16 + Neighbourhood();

    /// <summary>The map index in the chain (0 is the start); <see cref="MapId"/> is the id logs record.</summary>
    public int Map { get; private set; }

    /// <summary>The id of the current map as a game would number it (the start town is 40).</summary>
    public int MapId => GridWorld.MapId(Map);

    /// <summary>The agent's column.</summary>
    public int X { get; private set; }

    /// <summary>The agent's row.</summary>
    public int Y { get; private set; }

    /// <summary>The agent's health, 0 to 1.</summary>
    public double Hp { get; private set; }

    /// <summary>Steps taken in the current episode.</summary>
    public int EpisodeStep { get; private set; }

    /// <summary>Distinct cells visited in the current episode (the start cell included).</summary>
    public int DistinctCells { get; private set; }

    /// <summary>The deepest map index reached in the current episode.</summary>
    public int DeepestMap { get; private set; }

    private int Neighbourhood()
    {
        var bits = 0;
        for (var a = 0; a < ActionCount; a++)
        {
            var (nx, ny) = (X + Moves[a].Dx, Y + Moves[a].Dy);
            var seen = _world[Map, nx, ny] switch
            {
                CellKind.Wall => true,
                CellKind.Door => _mapsReached[GridWorld.Through(Map, nx).Map],
                _ => _visited[GridWorld.Index(Map, nx, ny)],
            };
            if (seen)
                bits |= 1 << a;
        }
        return bits;
    }

    /// <summary>Starts a new episode in the start town with full health.</summary>
    public void Reset()
    {
        Array.Clear(_visited);
        Array.Clear(_mapsReached);
        (Map, X, Y) = (0, 3, GridWorld.DoorRow);
        _mapsReached[0] = true;
        _visited[GridWorld.Index(Map, X, Y)] = true;
        DistinctCells = 1;
        DeepestMap = 0;
        Hp = 1;
        _bumps = 0;
        EpisodeStep = 0;
    }

    /// <summary>Takes one action. After a step with <see cref="ExplorationStep.Done"/> call <see cref="Reset"/>.</summary>
    /// <param name="action">0 north, 1 south, 2 west, 3 east.</param>
    public ExplorationStep Step(int action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(action);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(action, ActionCount);
        double ev = 0, level = 0, heal = 0, badge = 0, explore = 0, dead = 0, stuck = 0;
        var newCell = false;
        var (nx, ny) = (X + Moves[action].Dx, Y + Moves[action].Dy);
        var map = Map;
        var kind = _world[map, nx, ny];
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
                (map, nx, ny) = GridWorld.Through(map, nx);
                kind = _world[map, nx, ny];
                if (!_mapsReached[map])
                {
                    _mapsReached[map] = true;
                    DeepestMap = Math.Max(DeepestMap, map);
                    if (map % 3 == 2)
                        badge = 1;
                }
            }
            (Map, X, Y) = (map, nx, ny);
            var cell = GridWorld.Index(map, nx, ny);
            if (!_visited[cell])
            {
                _visited[cell] = true;
                newCell = true;
                DistinctCells++;
                explore = _bonus;
            }
            var hp = Hp;
            (ev, level, heal) = CellEffects.Enter(kind, map, newCell, ref hp, ref _rng, Rewards);
            Hp = hp;
        }
        var died = Hp <= 1e-9;
        if (died)
        {
            dead = -1;
            Hp = 0;
        }
        EpisodeStep++;
        return new ExplorationStep(new RewardComponents(ev, level, heal, badge, explore, dead, stuck), newCell, died,
            died || EpisodeStep >= _episodeLength);
    }
}
