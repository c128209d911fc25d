using System.Runtime.CompilerServices;

namespace RunLens.Scanning;

/// <summary>
/// Exact visit counts per cell (map, x, y) without an object or a dictionary entry per cell. Cells are grouped in
/// regions of 16 x 16 cells. A region's first cells live in a compact open-addressing table (16 bytes a cell);
/// once a region has <see cref="PromoteAt"/> distinct cells it becomes a dense tile of 256 counters (1 KB) and its
/// cells move there. So a game's small integer grids (where agents visit most cells) cost about 4 bytes a cell, and
/// scattered or huge coordinates cost about 16-32 bytes a distinct cell, never a tile per visit.
/// Counts are exact: a tile counter is 32 bits and carries into a side table past 2^32 visits (a sparse cell is
/// promoted long before), so any count a <see cref="long"/> holds is kept.
/// </summary>
internal sealed class VisitTable
{
    private const int TileBits = 4;
    private const int TileSide = 1 << TileBits;
    private const int TileCells = TileSide * TileSide;
    private const int TilesPerPage = 64;
    private const uint SparseLimit = 1u << 31;

    /// <summary>Distinct cells of one region in the sparse table before the region becomes a dense tile.</summary>
    internal const int PromoteAt = 32;

    // Regions: State 0 = empty slot, > 0 = tile index + 1, < 0 = sparse, with -State - 1 cells in the sparse table.
    private Region[] _regions = new Region[64];
    private int _regionCount;
    private Cell[] _cells = new Cell[64];
    private int _cellCount;
    private readonly List<uint[]> _pages = [];
    private Region[] _tileKeys = new Region[16];
    private int _tiles;
    private Dictionary<(int Map, int X, int Y), long>? _carry;
    // The tile last counted into: agents move a cell or two per step, so most records land in it again.
    private int _lastMap = int.MinValue, _lastTx = int.MinValue, _lastTy = int.MinValue, _lastTile = -1;

    /// <summary>Distinct cells with at least one visit.</summary>
    public int Count { get; private set; }

    /// <summary>Dense tiles allocated (for tests and memory estimates).</summary>
    internal int Tiles => _tiles;

    /// <summary>Adds one visit to a cell.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int map, int x, int y)
    {
        if (map == _lastMap && x >> TileBits == _lastTx && y >> TileBits == _lastTy)
        {
            ref var counter = ref Counter(_lastTile, x, y);
            if (counter == 0)
                NewTileCell(map, x, y);
            if (++counter == 0)
                Carry(map, x, y, 1L << 32);
            return;
        }
        Add(map, x, y, 1);
    }

    /// <summary>Adds <paramref name="visits"/> (at least 1) to a cell.</summary>
    public void Add(int map, int x, int y, long visits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visits, 1);
        int tx = x >> TileBits, ty = y >> TileBits;
        ref var region = ref FindOrAddRegion(map, tx, ty);
        if (region.State < 0 && (-region.State - 1 >= PromoteAt || visits >= SparseLimit))
            Promote(ref region);
        if (region.State < 0)
        {
            // FindOrAddCell may grow the cell table, never the region table: the region reference stays good.
            ref var cell = ref FindOrAddCell(map, x, y, out var added);
            if (cell.Count + (ulong)visits < SparseLimit)
            {
                cell.Count += (uint)visits;
                if (added)
                {
                    Count++;
                    region.State--;
                }
                return;
            }
            // Only an existing cell gets here (a new one has 0 + visits below the limit): its count moves to the tile.
            Promote(ref region);
        }
        var tile = region.State - 1;
        (_lastMap, _lastTx, _lastTy, _lastTile) = (map, tx, ty, tile);
        ref var counter = ref Counter(tile, x, y);
        if (counter == 0)
            NewTileCell(map, x, y);
        var total = counter + (ulong)visits;
        counter = (uint)total;
        if (total >> 32 != 0)
            Carry(map, x, y, (long)(total & ~0xFFFFFFFFUL));
    }

    /// <summary>Adds every count of <paramref name="other"/> (which does not change).</summary>
    public void Merge(VisitTable other)
    {
        // The other table's dense tiles add tile to tile: one region lookup per 256 cells instead of one per cell
        // (at 2 GB of many positions, millions of cells merge on one thread after both workers are done).
        for (var t = 0; t < other._tiles; t++)
        {
            var key = other._tileKeys[t];
            var from = other._pages[t / TilesPerPage].AsSpan(t % TilesPerPage * TileCells, TileCells);
            ref var region = ref FindOrAddRegion(key.Map, key.Tx, key.Ty);
            if (region.State < 0)
                Promote(ref region);
            var tile = region.State - 1;
            var into = _pages[tile / TilesPerPage].AsSpan(tile % TilesPerPage * TileCells, TileCells);
            for (var c = 0; c < TileCells; c++)
            {
                var (x, y) = ((key.Tx << TileBits) + (c & (TileSide - 1)), (key.Ty << TileBits) + (c >> TileBits));
                long visits = from[c];
                if (other._carry is not null && other._carry.TryGetValue((key.Map, x, y), out var high))
                    visits += high;
                if (visits == 0)
                    continue;
                if (into[c] == 0)
                    NewTileCell(key.Map, x, y);
                var total = into[c] + (ulong)visits;
                into[c] = (uint)total;
                if (total >> 32 != 0)
                    Carry(key.Map, x, y, (long)(total & ~0xFFFFFFFFUL));
            }
        }
        foreach (var cell in other._cells)
        {
            if (cell.Count != 0)
                Add(cell.Map, cell.X, cell.Y, cell.Count);
        }
    }

    /// <summary>Every visited cell once, in no particular order.</summary>
    public IEnumerable<(int Map, int X, int Y, long Count)> Entries()
    {
        for (var t = 0; t < _tiles; t++)
        {
            var key = _tileKeys[t];
            var page = _pages[t / TilesPerPage];
            var offset = t % TilesPerPage * TileCells;
            for (var c = 0; c < TileCells; c++)
            {
                var (x, y) = ((key.Tx << TileBits) + (c & (TileSide - 1)), (key.Ty << TileBits) + (c >> TileBits));
                long count = page[offset + c];
                if (_carry is not null && _carry.TryGetValue((key.Map, x, y), out var high))
                    count += high;
                if (count != 0)
                    yield return (key.Map, x, y, count);
            }
        }
        for (var i = 0; i < _cells.Length; i++)
        {
            var cell = _cells[i];
            if (cell.Count != 0)
                yield return (cell.Map, cell.X, cell.Y, cell.Count);
        }
    }

    private void NewTileCell(int map, int x, int y)
    {
        if (_carry is null || !_carry.ContainsKey((map, x, y)))
            Count++;
    }

    private void Carry(int map, int x, int y, long amount)
    {
        _carry ??= [];
        _carry.TryGetValue((map, x, y), out var high);
        _carry[(map, x, y)] = high + amount;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint Counter(int tile, int x, int y) =>
        ref _pages[tile / TilesPerPage][tile % TilesPerPage * TileCells + ((y & (TileSide - 1)) << TileBits) + (x & (TileSide - 1))];

    /// <summary>Gives the region a dense tile and moves its cells out of the sparse table.</summary>
    private void Promote(ref Region region)
    {
        if (_tiles % TilesPerPage == 0)
            _pages.Add(new uint[TilesPerPage * TileCells]);
        if (_tiles == _tileKeys.Length)
            Array.Resize(ref _tileKeys, _tiles * 2);
        var tile = _tiles++;
        _tileKeys[tile] = region;
        var left = -region.State - 1;
        region.State = tile + 1;
        _tileKeys[tile].State = tile + 1;
        var page = _pages[tile / TilesPerPage];
        var offset = tile % TilesPerPage * TileCells;
        var mask = _cells.Length - 1;
        // The region's cells sit at or after their homes, which are the region's hash plus 0..255, so one forward
        // walk from the region's hash meets every one of them. Looking each of the 256 possible cells up instead
        // cost a probe run per missing cell through the region's own cluster: 7% of a scan of many positions.
        // A removal shifts later entries back into the freed slot (never before it), so that slot is read again.
        for (var i = RegionHash(region.Map, region.Tx, region.Ty) & mask; left > 0;)
        {
            ref var cell = ref _cells[i];
            if (cell.Count != 0 && cell.Map == region.Map && cell.X >> TileBits == region.Tx && cell.Y >> TileBits == region.Ty)
            {
                page[offset + ((cell.Y & (TileSide - 1)) << TileBits) + (cell.X & (TileSide - 1))] = cell.Count;
                RemoveCellAt(i);
                left--;
                continue;
            }
            i = (i + 1) & mask;
        }
    }

    private ref Region FindOrAddRegion(int map, int tx, int ty)
    {
        if ((_regionCount + 1) * 4 > _regions.Length * 3)
            GrowRegions();
        var mask = _regions.Length - 1;
        var i = RegionHash(map, tx, ty) & mask;
        while (true)
        {
            ref var r = ref _regions[i];
            if (r.State == 0)
            {
                (r.Map, r.Tx, r.Ty, r.State) = (map, tx, ty, -1);
                _regionCount++;
                return ref r;
            }
            if (r.Map == map && r.Tx == tx && r.Ty == ty)
                return ref r;
            i = (i + 1) & mask;
        }
    }

    private ref Cell FindOrAddCell(int map, int x, int y, out bool added)
    {
        if ((_cellCount + 1) * 4 > _cells.Length * 3)
            GrowCells();
        var mask = _cells.Length - 1;
        var i = CellHash(map, x, y) & mask;
        while (true)
        {
            ref var c = ref _cells[i];
            if (c.Count == 0)
            {
                (c.Map, c.X, c.Y) = (map, x, y);
                _cellCount++;
                added = true;
                return ref c;
            }
            if (c.Map == map && c.X == x && c.Y == y)
            {
                added = false;
                return ref c;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>Backward-shift deletion: linear probing stays correct without tombstones.</summary>
    private void RemoveCellAt(int i)
    {
        var mask = _cells.Length - 1;
        var j = i;
        while (true)
        {
            j = (j + 1) & mask;
            if (_cells[j].Count == 0)
                break;
            var home = CellHash(_cells[j].Map, _cells[j].X, _cells[j].Y) & mask;
            // The entry at j may move to i only if its home is not cyclically in (i, j].
            var stays = i <= j ? home > i && home <= j : home > i || home <= j;
            if (stays)
                continue;
            _cells[i] = _cells[j];
            i = j;
        }
        _cells[i] = default;
        _cellCount--;
    }

    private void GrowRegions()
    {
        var old = _regions;
        _regions = new Region[old.Length * 2];
        var mask = _regions.Length - 1;
        foreach (var r in old)
        {
            if (r.State == 0)
                continue;
            var i = RegionHash(r.Map, r.Tx, r.Ty) & mask;
            while (_regions[i].State != 0)
                i = (i + 1) & mask;
            _regions[i] = r;
        }
    }

    private void GrowCells()
    {
        var old = _cells;
        _cells = new Cell[old.Length * 2];
        var mask = _cells.Length - 1;
        foreach (var c in old)
        {
            if (c.Count == 0)
                continue;
            var i = CellHash(c.Map, c.X, c.Y) & mask;
            while (_cells[i].Count != 0)
                i = (i + 1) & mask;
            _cells[i] = c;
        }
    }

    private static int RegionHash(int map, int tx, int ty) => Mix(map, tx, ty);

    // A region's cells hash next to each other (the region's hash plus the cell's place in it), so promoting a region
    // looks its 256 cells up in a few cache lines instead of 256 random places of a table of millions.
    private static int CellHash(int map, int x, int y) =>
        Mix(map, x >> TileBits, y >> TileBits) + (((y & (TileSide - 1)) << TileBits) | (x & (TileSide - 1)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Mix(int a, int b, int c)
    {
        var h = (ulong)(uint)a * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL ^ (ulong)(uint)c * 0x165667B19E3779F9UL;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 33);
    }

    private struct Region
    {
        public int Map;
        public int Tx;
        public int Ty;
        public int State;
    }

    private struct Cell
    {
        public int Map;
        public int X;
        public int Y;
        public uint Count;
    }
}
