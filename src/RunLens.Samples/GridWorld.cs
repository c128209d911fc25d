namespace RunLens.Samples;

/// <summary>
/// The exploration game's world: a chain of rectangular maps joined by doors in the middle of their east and west
/// walls, with interior walls, grass (fights), event cells and one healing cell per map. Generated from a seed and
/// shared by every variant, so variants differ only in how their agents behave.
/// </summary>
internal sealed class GridWorld
{
    public const int Width = 24;
    public const int Height = 18;
    public const int DoorRow = Height / 2;

    // Map ids as a game would number them: the start town (40), routes and towns.
    private static readonly int[] Ids = [40, 0, 12, 1, 13, 2, 14, 3, 15, 4];

    private readonly CellKind[] _cells;

    public GridWorld(int maps, ulong seed)
    {
        if (maps < 1 || maps > Ids.Length)
            throw new ArgumentOutOfRangeException(nameof(maps));
        Maps = maps;
        _cells = new CellKind[maps * Width * Height];
        var rng = new Prng(seed);
        for (var m = 0; m < maps; m++)
        {
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var border = x == 0 || y == 0 || x == Width - 1 || y == Height - 1;
                    var roll = rng.NextDouble();
                    _cells[Index(m, x, y)] = border ? CellKind.Wall
                        : roll < 0.12 ? CellKind.Wall
                        : roll < 0.32 ? CellKind.Grass
                        : roll < 0.345 ? CellKind.Event
                        : CellKind.Floor;
                }
            }
            // The door corridor stays open so every map is reachable.
            for (var x = 1; x < Width - 1; x++)
                _cells[Index(m, x, DoorRow)] = CellKind.Floor;
            _cells[Index(m, 2, 2)] = CellKind.Heal;
            if (m > 0)
                _cells[Index(m, 0, DoorRow)] = CellKind.Door;
            if (m < maps - 1)
                _cells[Index(m, Width - 1, DoorRow)] = CellKind.Door;
        }
    }

    public int Maps { get; }

    public int CellCount => _cells.Length;

    public static int MapId(int map) => Ids[map];

    public static int Index(int map, int x, int y) => (map * Height + y) * Width + x;

    public CellKind this[int map, int x, int y] => _cells[Index(map, x, y)];

    /// <summary>Where a door leads: the cell just inside the neighbouring map.</summary>
    public static (int Map, int X, int Y) Through(int map, int x) =>
        x == 0 ? (map - 1, Width - 2, DoorRow) : (map + 1, 1, DoorRow);
}

/// <summary>What a cell of the world is.</summary>
internal enum CellKind : byte
{
    Floor,
    Wall,
    Grass,
    Event,
    Heal,
    Door,
}
