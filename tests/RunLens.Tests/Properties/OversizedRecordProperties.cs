using System.Globalization;
using System.Text;
using CsCheck;
using RunLens.TestSupport;
using RunLens.Tests.Formats.Json;

namespace RunLens.Tests.Properties;

/// <summary>
/// Records longer than the reader's window, read in passing, give the numbers the whole record holds: for any window,
/// any mix of long strings (with escaped quotes and brackets), arrays and nesting, and JSON lines or arrays.
/// </summary>
public class OversizedRecordProperties
{
    private static readonly Gen<string> Text =
        Gen.OneOf("a", "\\\"", "}", "]", "{", "[", "\\\\", "é", ",").Array[0, 40].Select(parts => string.Concat(parts))
            .SelectMany(piece => Gen.Int[1, 400].Select(n => string.Concat(Enumerable.Repeat(piece, piece.Length == 0 ? 0 : n))));

    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Gen.Int[-1000, 1000].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Text.Select(t => "\"" + t + "\"")),
        (1, Gen.Int[0, 300].Select(n => "[" + string.Join(",", Enumerable.Range(0, n).Select(i => i % 5 == 0 ? "\"x]\\\"\"" : "[1,{\"a\":2}]")) + "]")),
        (1, Gen.Int[-9, 9].Select(n => "{\"inner\":" + n.ToString(CultureInfo.InvariantCulture) + ",\"s\":\"}\"}")));

    private static readonly Gen<string> Record =
        Value.Array[1, 6].Select(values => "{" + string.Join(",", values.Select((v, i) => $"\"f{i}\":{v}")) + "}");

    [Fact]
    public void A_record_read_in_passing_gives_the_numbers_of_the_whole_record()
    {
        Gen.Select(Record.Array[1, 6], Gen.Int[256, 4096], Gen.Bool).Sample((records, window, array) =>
        {
            using var dir = new TempDir();
            var path = dir.File(array ? "log.json" : "log.jsonl");
            File.WriteAllText(path, array ? "[" + string.Join(",\n", records) + "]\n" : string.Concat(records.Select(r => r + "\n")), Encoding.UTF8);

            var whole = JsonReading.Read(path);
            var passing = JsonReading.Read(path, window);

            Assert.Empty(whole.Issues.Skipped);
            Assert.Equal(records.Length, whole.Records.Count);
            // Only a record whose names and numbers alone exceed the window may be lost, and then it is said.
            var lost = passing.Issues.Skipped.GetValueOrDefault("record too large");
            Assert.Equal(records.Length, passing.Records.Count + lost);
            Assert.Equal(lost, passing.Issues.Skipped.Values.Sum());
            if (lost == 0)
                Assert.Equal(whole.Records, passing.Records);
        }, iter: 150, threads: 1);
    }
}
