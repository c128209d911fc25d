using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Scanning;

public class SamplingTests
{
    private static TempDir ThreeFiles()
    {
        var dir = new TempDir();
        for (var env = 0; env < 3; env++)
            dir.Write($"json_logs/{env}.json", FlatRun(1000, env));
        return dir;
    }

    [Fact]
    public void Same_seed_gives_the_same_reservoir_whatever_the_threads()
    {
        using var dir = ThreeFiles();
        var one = Scan(dir, new ScanOptions { ReservoirSize = 50, Seed = 7, Threads = 1 });
        var two = Scan(dir, new ScanOptions { ReservoirSize = 50, Seed = 7, Threads = 3 });

        Assert.Equal(50, one.Reservoir.Count);
        Assert.Equal(one.Reservoir.Select(r => (r.File, r.Ordinal)), two.Reservoir.Select(r => (r.File, r.Ordinal)));
    }

    [Fact]
    public void Different_seeds_give_different_reservoirs()
    {
        using var dir = ThreeFiles();
        var a = Scan(dir, new ScanOptions { ReservoirSize = 50, Seed = 1 });
        var b = Scan(dir, new ScanOptions { ReservoirSize = 50, Seed = 2 });

        // Two independent 50-of-3000 samples share about one row; sharing 25 has negligible probability.
        var shared = a.Reservoir.Select(r => (r.File, r.Ordinal)).Intersect(b.Reservoir.Select(r => (r.File, r.Ordinal))).Count();
        Assert.True(shared < 25, $"{shared} rows shared");
    }

    [Fact]
    public void Reservoir_keeps_the_latest_row_and_is_sorted_by_step()
    {
        using var dir = ThreeFiles();
        var scan = Scan(dir, new ScanOptions { ReservoirSize = 20, Seed = 3 });

        Assert.Equal(20, scan.Reservoir.Count);
        Assert.Equal(999, scan.Reservoir[^1].Step);
        Assert.True(scan.Reservoir.Zip(scan.Reservoir.Skip(1)).All(p => p.First.Step <= p.Second.Step));
        var row = scan.Reservoir[^1];
        Assert.Equal(999, row["step"]);
        // Rows hold names as logged; ThreeFiles writes the flat layout.
        Assert.Equal(999 % 5, row["x"]);
    }

    [Fact]
    public void Reservoir_is_uniform_over_records()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/0.json", FlatRun(10_000));
        // Mean ordinal of a uniform 2,000-of-10,000 sample: 4999.5 with standard error about 64 (finite population);
        // a 6-sigma band fails with probability ~2e-9.
        var scan = Scan(dir, new ScanOptions { ReservoirSize = 2000, Seed = 11 });

        var mean = scan.Reservoir.Average(r => (double)r.Ordinal);
        Assert.InRange(mean, 4999.5 - 6 * 64, 4999.5 + 6 * 64);
    }

    [Fact]
    public void Per_file_samples_are_evenly_spaced()
    {
        using var dir = new TempDir();
        dir.Write("json_logs/long.json", FlatRun(1000));
        dir.Write("json_logs/short.json", FlatRun(30, env: 1));

        var scan = Scan(dir, new ScanOptions { PerFileSamples = 100 });

        var longSample = scan.FileSamples.Single(f => f.File.EndsWith("long.json", StringComparison.Ordinal));
        Assert.Equal(1000, longSample.Records);
        Assert.Equal(16, longSample.Stride);
        Assert.Equal(Enumerable.Range(0, 63).Select(i => i * 16L), longSample.Rows.Select(r => r.Ordinal));
        var shortSample = scan.FileSamples.Single(f => f.File.EndsWith("short.json", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), shortSample.Rows.Select(r => r.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public void Each_per_file_row_holds_its_own_records_values_and_text(int reservoir)
    {
        // Rows kept while the stride doubles are compacted in place; with a reservoir some rows are built for it first.
        using var dir = new TempDir();
        dir.Write("log.jsonl", string.Join("\n", Enumerable.Range(0, 1000).Select(i =>
            i % 3 == 0 ? $$"""{"step":{{i}},"v":{{i}}.5,"tag":"t{{i}}"}""" : $$"""{"step":{{i}},"w":{{-i}},"u":{{2 * i}}}""")));

        var sample = Scan(dir, new ScanOptions { PerFileSamples = 10, ReservoirSize = reservoir }).FileSamples.Single();

        Assert.Equal(128, sample.Stride);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * 128L), sample.Rows.Select(r => r.Ordinal));
        foreach (var row in sample.Rows)
        {
            var i = row.Ordinal;
            Assert.Equal(i, row.Step);
            if (i % 3 == 0)
            {
                Assert.Equal(["step", "v"], row.Values.Keys);
                Assert.Equal(i + 0.5, row.Values["v"]);
                Assert.Equal($"t{i}", row.Text["tag"]);
            }
            else
            {
                Assert.Equal(["step", "w", "u"], row.Values.Keys);
                Assert.Equal((-i, 2.0 * i), (row.Values["w"], row.Values["u"]));
                Assert.Empty(row.Text);
            }
        }
    }

    [Fact]
    public void Merging_two_half_scans_equals_one_scan()
    {
        using var all = new TempDir();
        using var first = new TempDir();
        using var second = new TempDir();
        for (var env = 0; env < 4; env++)
        {
            // Different step ranges per file force the halves to rebin differently before merging.
            var text = FlatRun(500 * (env + 1), env);
            all.Write($"json_logs/{env}.json", text);
            (env < 2 ? first : second).Write($"json_logs/{env}.json", text);
        }
        var options = new ScanOptions { ReservoirSize = 64, Seed = 5, Buckets = 64 };

        var whole = Scan(all, options);
        var merged = Scan(first, options).Merge(Scan(second, options));

        Assert.Equal(whole.Records, merged.Records);
        Assert.Equal(whole.StepMin, merged.StepMin);
        Assert.Equal(whole.StepMax, merged.StepMax);
        Assert.Equal(whole.Positions, merged.Positions);
        Assert.Equal(whole.Reservoir.Select(r => (r.File, r.Ordinal)), merged.Reservoir.Select(r => (r.File, r.Ordinal)));
        Assert.Equal(whole.FileSamples.Select(f => (f.File, f.Stride, f.Rows.Count)), merged.FileSamples.Select(f => (f.File, f.Stride, f.Rows.Count)));
        Assert.Equal(whole.Fields.Select(f => f.Name), merged.Fields.Select(f => f.Name));
        foreach (var (w, m) in whole.Fields.Zip(merged.Fields))
        {
            Assert.Equal(w.Count, m.Count);
            Assert.Equal(w.BucketWidth, m.BucketWidth);
            Assert.Equal(w.Sum, m.Sum, 9);
            Assert.Equal(w.Buckets.Select(b => (b.StepStart, b.Count, b.Min, b.Max, b.First, b.Last)),
                         m.Buckets.Select(b => (b.StepStart, b.Count, b.Min, b.Max, b.First, b.Last)));
        }
    }

    [Fact]
    public void Curves_rebin_as_the_range_grows_and_keep_every_spike()
    {
        using var dir = new TempDir();
        var records = Enumerable.Range(0, 100_000).Select(i => Flat(i, 0, 0, 0, 1, i == 77_777 ? 1000 : 1, 0));
        dir.Write("json_logs/0.json", Array(records));

        var scan = Scan(dir, new ScanOptions { Buckets = 1024 });

        var total = scan.Field("rewards.total")!;
        Assert.Equal(128, total.BucketWidth);
        Assert.True(total.Buckets.Count <= 1024);
        Assert.Equal(100_000, total.Buckets.Sum(b => b.Count));
        Assert.Equal(1000, total.Max);
        var spike = Assert.Single(total.Buckets, b => b.Max == 1000);
        Assert.InRange(77_777, spike.StepStart, spike.StepEnd - 1);
        Assert.Equal(127 + 1000, spike.Sum);
        Assert.All(total.Buckets.Where(b => b != spike), b => Assert.Equal(1, b.Max));
        Assert.Equal(0, total.Buckets[0].FirstStep);
        Assert.Equal(99_999, total.Buckets[^1].LastStep);
    }
}
