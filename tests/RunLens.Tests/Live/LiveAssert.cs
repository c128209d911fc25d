namespace RunLens.Tests.Live;

/// <summary>Checks that a live scan's result is the full scan of the same files, part by part, so a failure names the part.</summary>
internal static class LiveAssert
{
    public static void SameAsFullScan(string root, ScanResult live, ScanOptions options, string when)
    {
        var full = Runs.Load(root).Scan(options);
        Same(full, live, when);
    }

    public static void Same(ScanResult full, ScanResult live, string when)
    {
        Assert.True(full.Records == live.Records, $"{when}: records {live.Records}, a full scan {full.Records}");
        Assert.True(full.Files == live.Files, $"{when}: files {live.Files}, a full scan {full.Files}");
        Assert.True(full.Bytes == live.Bytes, $"{when}: bytes {live.Bytes}, a full scan {full.Bytes}");
        Assert.Equal((full.StepMin, full.StepMax, full.RecordsWithoutStep), (live.StepMin, live.StepMax, live.RecordsWithoutStep));
        Assert.Equal(full.SkippedByReason.OrderBy(p => p.Key), live.SkippedByReason.OrderBy(p => p.Key));
        Assert.Equal(full.Issues.Select(Text), live.Issues.Select(Text));
        Assert.Equal(full.Notes, live.Notes.Where(n => !n.StartsWith("live:", StringComparison.Ordinal)));
        Assert.Equal(full.Fields.Select(f => (f.Name, f.Alias)), live.Fields.Select(f => (f.Name, f.Alias)));
        foreach (var (f, l) in full.Fields.Zip(live.Fields))
        {
            Assert.True((f.Count, f.NonFinite, f.Min, f.Max, f.BucketWidth) == (l.Count, l.NonFinite, l.Min, l.Max, l.BucketWidth),
                $"{when}: field {f.Name}: live {l}, a full scan {f}");
            // Sums add the same values in another order across files: equal to rounding.
            Assert.True(Math.Abs(f.Sum - l.Sum) <= 1e-9 * Math.Max(1, Math.Abs(f.Sum)), $"{when}: field {f.Name}: sum {l.Sum}, a full scan {f.Sum}");
            Assert.Equal(f.Buckets.Select(b => (b.StepStart, b.Count, b.Min, b.Max, b.First, b.Last)), l.Buckets.Select(b => (b.StepStart, b.Count, b.Min, b.Max, b.First, b.Last)));
        }
        Assert.Equal(full.Reservoir.Select(Row), live.Reservoir.Select(Row));
        Assert.Equal(full.FileSamples.Select(s => (s.File, s.Records, s.Stride, string.Join(',', s.Rows.Select(r => r.Ordinal)))),
            live.FileSamples.Select(s => (s.File, s.Records, s.Stride, string.Join(',', s.Rows.Select(r => r.Ordinal)))));
        Assert.Equal(full.Positions, live.Positions);
    }

    private static string Text(LoadIssue i) => $"{i.File}@{i.Offset}:{i.Line}: {i.Message}";

    private static string Row(RecordRow r) =>
        $"{r.File}#{r.Ordinal} step {r.Step} @{r.Offset}: " + string.Join(',', r.Values.Select(v => $"{v.Key}={v.Value:R}")) + " " + string.Join(',', r.Text.Select(v => $"{v.Key}={v.Value}"));
}
