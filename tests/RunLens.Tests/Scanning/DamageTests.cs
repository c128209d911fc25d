using System.Text;
using RunLens.TestSupport;
using static RunLens.Tests.Scanning.ScanFixtures;

namespace RunLens.Tests.Scanning;

public class DamageTests
{
    [Fact]
    public void Nan_literals_in_a_large_json_array_count_every_record_across_buffer_refills()
    {
        using var dir = new TempDir();
        // ~4 MB: several 1 MB buffer refills, with a NaN or Infinity every 97th record.
        var records = Enumerable.Range(0, 20_000).Select(i => i % 97 == 0
            ? $"{{\"step\":{i},\"x\":1,\"y\":2,\"total\":{(i % 2 == 0 ? "NaN" : "-Infinity")},\"explore\":0.5,\"pad\":\"{new string('p', 100)}\"}}"
            : $"{{\"step\":{i},\"x\":1,\"y\":2,\"total\":1,\"explore\":0.5,\"pad\":\"{new string('p', 100)}\"}}");
        dir.Write("json_logs/0.json", Array(records));

        var scan = Scan(dir);

        Assert.Equal(20_000, scan.Records);
        Assert.Empty(scan.Issues);
        var total = scan.Field("rewards.total")!;
        var nonFinite = Enumerable.Range(0, 20_000).Count(i => i % 97 == 0);
        Assert.Equal(nonFinite, total.NonFinite);
        Assert.Equal(20_000 - nonFinite, total.Sum);
        Assert.Equal(20_000 * 0.5, scan.Field("rewards.explore")!.Sum);
    }

    [Fact]
    public void Random_damage_never_throws_or_hangs_and_never_invents_records()
    {
        var random = new Random(42);
        var clean = Encoding.UTF8.GetBytes(NestedRun(300));
        for (var trial = 0; trial < 150; trial++)
        {
            using var dir = new TempDir();
            var bytes = clean.ToList();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes[at] = (byte)random.Next(32, 127); break;
                    case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 200), bytes.Count - at)); break;
                    default: bytes.InsertRange(at, Encoding.UTF8.GetBytes("\n#garbage{\"x\":\n")); break;
                }
            }
            File.WriteAllBytes(dir.File("json_logs/0.json"), bytes.ToArray());

            var scan = Scan(dir);

            Assert.InRange(scan.Records, 0, 300 + 5);
            Assert.True(scan.Records + scan.Skipped > 0 || bytes.Count < 10, $"trial {trial}: nothing read or reported");
        }
    }

    [Fact]
    public void Escaped_property_names_read_like_plain_ones()
    {
        using var dir = new TempDir();
        dir.Write("log.jsonl", "{\"st\\u0065p\":3,\"rew\\u0061rds\":{\"total\":2}}\n{\"step\":4,\"rewards\":{\"total\":5}}\n");

        var scan = Scan(dir);

        Assert.Equal(2, scan.Records);
        Assert.Equal(3, scan.StepMin);
        Assert.Equal(7, scan.Field("rewards.total")!.Sum);
    }

    [Fact]
    public void Broken_last_line_with_nothing_valid_after_it_is_reported_not_only_counted()
    {
        using var dir = new TempDir();
        dir.Write("log.jsonl", "{\"step\":0,\"loss\":1}\nnot json\n");

        var scan = Scan(dir);

        Assert.Equal(1, scan.Records);
        Assert.Equal(1, scan.SkippedByReason["invalid JSON"]);
        var issue = Assert.Single(scan.Issues);
        Assert.Equal(20, issue.Offset);
        Assert.Equal(2, issue.Line);
    }
}
