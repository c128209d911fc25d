using RunLens.Fields;

namespace RunLens.Loading;

// The check's summary of a log: per metric, a count and an order-independent hash of its points.
internal sealed partial class Mirrors
{
    /// <summary>Per metric, the count and an order-independent hash of its (step, value) pairs; and the problems met.</summary>
    private sealed class Fingerprint
    {
        public Dictionary<string, Print> Metrics { get; } = new(StringComparer.Ordinal);

        /// <summary>Problems met while reading (issues and skipped records); -1 when a file could not be opened.</summary>
        public long Problems { get; private set; }

        public static Fingerprint Of(IReadOnlyList<RunFile> files, FieldMap map)
        {
            var result = new Fingerprint();
            foreach (var file in files)
                result.Add(file, map);
            return result;
        }

        private void Add(RunFile file, FieldMap map)
        {
            var fields = new FieldTable(map);
            var issues = new ScanIssues();
            var record = new RecordBuffer();
            try
            {
                // Through the main table, whatever stream the mirror is read as: names are compared as written.
                using var reader = file.Source.Open(file, fields, issues);
                for (long ordinal = 0; reader.Read(record, wantText: true); ordinal++)
                {
                    var step = record.StepOf(fields, ordinal, out _);
                    var ids = record.Fields;
                    var values = record.Values;
                    for (var i = 0; i < ids.Length; i++)
                        Add(fields.Names[ids[i]], Mix(step, Float32Bits(values[i])), isNumber: true);
                    foreach (var (field, text) in record.Texts)
                        Add(fields.Names[field], Mix(step, TextHash(text)), isNumber: false);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Problems = -1;
                return;
            }
            issues.EndFile();
            // A skipped record usually comes with its issue: count the issues that cost data, or the skips when none
            // was reported. Reports of data kept in another form (text cells, hashed above like the primary's) are not
            // problems: a copy holding the same text cells is still a copy.
            if (Problems >= 0)
                Problems += issues.Damage > 0 ? issues.Damage : issues.Skipped.Values.Sum();
        }

        private void Add(string name, ulong hash, bool isNumber)
        {
            Metrics.TryGetValue(name, out var print);
            Metrics[name] = new Print(print.Count + 1, unchecked(print.Hash + hash), print.HasNumbers || isNumber);
        }

        /// <summary>The value at float32 precision, with every NaN one NaN and -0 as 0 (they compare equal).</summary>
        private static ulong Float32Bits(double value)
        {
            var single = (float)value;
            if (float.IsNaN(single))
                return 0x7FC00000;
            return single == 0 ? 0 : BitConverter.SingleToUInt32Bits(single);
        }

        /// <summary>FNV-1a over the UTF-16 code units, with a high bit no float32 pattern has, so a text never equals a number.</summary>
        private static ulong TextHash(string text)
        {
            var hash = 14695981039346656037UL;
            foreach (var c in text)
                hash = unchecked((hash ^ c) * 1099511628211UL);
            return hash | (1UL << 63);
        }

        private static ulong Mix(long step, ulong value) => SplitMix(SplitMix((ulong)step) ^ value);

        private static ulong SplitMix(ulong z)
        {
            unchecked
            {
                z += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }
    }

    /// <param name="Count">The metric's points.</param>
    /// <param name="Hash">The sum of its (step, value) hashes: equal for the same multiset in any order.</param>
    /// <param name="HasNumbers">Some of the metric's values are numbers (not all text).</param>
    private readonly record struct Print(long Count, ulong Hash, bool HasNumbers);
}
