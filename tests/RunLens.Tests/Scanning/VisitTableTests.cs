using RunLens.Scanning;

namespace RunLens.Tests.Scanning;

public class VisitTableTests
{
    [Fact]
    public void Counts_stay_exact_through_growth_and_promotion_to_tiles()
    {
        var table = new VisitTable();
        var expected = new Dictionary<(int, int, int), long>();
        var rng = new Random(7);
        // A walker on 61 maps of 256 x 256 with jumps: dense regions become tiles, scattered ones stay sparse.
        int map = 0, x = 0, y = 0;
        for (var i = 0; i < 400_000; i++)
        {
            if (rng.Next(300) == 0)
                (map, x, y) = (rng.Next(61), rng.Next(256), rng.Next(256));
            else
                (x, y) = (Math.Clamp(x + rng.Next(5) - 2, 0, 255), Math.Clamp(y + rng.Next(5) - 2, 0, 255));
            table.Add(map, x, y);
            expected[(map, x, y)] = expected.GetValueOrDefault((map, x, y)) + 1;
        }

        Assert.True(table.Tiles > 0);
        AssertSame(expected, table);
    }

    [Fact]
    public void Negative_huge_and_no_map_coordinates_count_like_any_other()
    {
        var table = new VisitTable();
        var expected = new Dictionary<(int, int, int), long>();
        var rng = new Random(3);
        int[] edges = [int.MinValue + 1, -1_000_000, -17, -16, -15, -1, 0, 1, 15, 16, 17, 1_000_000, int.MaxValue];
        for (var i = 0; i < 50_000; i++)
        {
            var map = rng.Next(3) == 0 ? ScanState.NoMap : rng.Next(-2, 2);
            var x = rng.Next(2) == 0 ? edges[rng.Next(edges.Length)] : rng.Next(-40, 40);
            var y = rng.Next(2) == 0 ? edges[rng.Next(edges.Length)] : rng.Next(-40, 40);
            table.Add(map, x, y);
            expected[(map, x, y)] = expected.GetValueOrDefault((map, x, y)) + 1;
        }

        AssertSame(expected, table);
    }

    [Fact]
    public void Scattered_cells_stay_in_the_compact_table()
    {
        var table = new VisitTable();
        // One cell per region: never worth a 1 KB tile.
        for (var i = 0; i < 10_000; i++)
            table.Add(i % 7, i * 16, -i * 32);

        Assert.Equal(0, table.Tiles);
        Assert.Equal(10_000, table.Count);
        Assert.All(table.Entries(), e => Assert.Equal(1, e.Count));
    }

    [Fact]
    public void Merging_two_tables_equals_one_table()
    {
        var one = new VisitTable();
        var first = new VisitTable();
        var second = new VisitTable();
        var rng = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var (map, x, y) = (rng.Next(5), rng.Next(-64, 200), rng.Next(0, 64));
            one.Add(map, x, y);
            (i % 3 == 0 ? first : second).Add(map, x, y);
        }
        // A half with a few cells only, merged into a half full of tiles, and the other way round.
        var merged = new VisitTable();
        merged.Merge(first);
        merged.Merge(second);
        var reversed = new VisitTable();
        reversed.Merge(second);
        reversed.Merge(first);

        Assert.Equal(Sorted(one), Sorted(merged));
        Assert.Equal(Sorted(one), Sorted(reversed));
        Assert.Equal(one.Count, merged.Count);
    }

    [Fact]
    public void Counts_beyond_32_bits_are_kept()
    {
        var table = new VisitTable();
        // A sparse cell given more than 2^31 at once, a tile cell carried past 2^32 twice, and plain visits after.
        table.Add(1, 5, 5, 3L << 31);
        for (var i = 0; i < VisitTable.PromoteAt + 1; i++)
            table.Add(2, i % 16, i / 16);
        table.Add(2, 0, 0, uint.MaxValue);
        table.Add(2, 0, 0);
        table.Add(2, 0, 0, 1L << 40);
        table.Add(1, 5, 5);

        var counts = table.Entries().ToDictionary(e => (e.Map, e.X, e.Y), e => e.Count);
        Assert.Equal((3L << 31) + 1, counts[(1, 5, 5)]);
        Assert.Equal(1L + uint.MaxValue + 1 + (1L << 40), counts[(2, 0, 0)]);
        Assert.Equal(VisitTable.PromoteAt + 2, table.Count);

        var copy = new VisitTable();
        copy.Merge(table);
        Assert.Equal(Sorted(table), Sorted(copy));
    }

    [Fact]
    public void Tiles_merge_into_tiles_and_into_sparse_regions_with_their_carries()
    {
        var (a, b) = (new VisitTable(), new VisitTable());
        for (var i = 0; i < VisitTable.PromoteAt + 1; i++)
        {
            a.Add(3, i % 16, i / 16);
            b.Add(3, i % 16, i / 16);
            b.Add(4, i % 16, i / 16);
        }
        // Both tiles close to 2^32 on one cell, so the sum carries; a region that is sparse here and a tile there.
        a.Add(3, 0, 0, uint.MaxValue - 5);
        b.Add(3, 0, 0, uint.MaxValue);
        b.Add(3, 0, 0, 1L << 33);
        for (var i = 0; i < 5; i++)
            a.Add(4, i, 1);
        b.Add(3, 40, 40, 7);
        var expected = a.Entries().Concat(b.Entries()).GroupBy(e => (e.Map, e.X, e.Y)).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));

        a.Merge(b);

        AssertSame(expected, a);
    }

    private static void AssertSame(Dictionary<(int, int, int), long> expected, VisitTable table)
    {
        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected.OrderBy(e => e.Key).Select(e => (e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Value)), Sorted(table));
    }

    private static List<(int, int, int, long)> Sorted(VisitTable table) =>
        table.Entries().Select(e => (e.Map, e.X, e.Y, e.Count)).Order().ToList();
}
