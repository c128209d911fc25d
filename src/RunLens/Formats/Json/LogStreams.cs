using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunLens.Formats.Csv;
using RunLens.Loading;

namespace RunLens.Formats.Json;

/// <summary>
/// Splits a run's log files into the streams of the loggers that wrote them, so a second logger's file
/// (<c>episode_rewards.csv</c> beside <c>progress.csv</c>) keeps its own series and x axis instead of mixing into
/// the main log's.
/// </summary>
/// <remarks>
/// <para>The rule: two files are parts of one log (one family) when they have the same shape, that is the same
/// set of CSV header names or the same top-level keys in their first JSON record, or the same name once counters
/// are left out (<c>log_0001.jsonl</c> and <c>log_0002.jsonl</c>; <c>metrics.1.csv</c> and <c>metrics.csv</c>), or
/// both lie under a <c>json_logs/</c> folder (chunks of one writer), or both are parts RunLens' own writers put side
/// by side on one step axis (<see cref="WriterParts"/>). Families are joined through any of these links.
/// The main family is the one holding the file the format names as main (SB3's <c>progress.csv</c>), else the
/// writer's one (<c>json_logs/</c>, <c>metrics.jsonl</c>), else the one with the most files, then bytes; its fields keep their names. Every other family is a
/// stream named by its first file's path in the run without extensions (and counter, when it has several files),
/// and its fields are named <c>&lt;stream&gt;:&lt;field&gt;</c> (see <see cref="Fields.FieldTable.ForStream"/>).</para>
/// <para>A file whose shape cannot be seen (empty, unreadable, no record in its first 64 KB) joins a family only by
/// its name, else the main one, as every file did before streams.</para>
/// </remarks>
internal static partial class LogStreams
{
    [GeneratedRegex(@"[._\-]?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex Counter();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    /// <summary>A trailing instance id or counter: a separator and a token holding a digit (<c>_051a5cd7</c>, <c>.1</c>).</summary>
    [GeneratedRegex(@"[._\-][A-Za-z]*\d[A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceId();

    /// <summary>
    /// The files RunLens' own writers put beside each other, one writer's parts sharing its step axis by design:
    /// RunWriter's <c>json_logs/</c> and <c>metrics.jsonl</c>, BatchLogger's <c>metrics.jsonl</c> and
    /// <c>episodes.jsonl</c> (returns by update), SnapshotLogger's <c>snapshots/index.jsonl</c>.
    /// </summary>
    private const string WriterKey = "runlens-writer";

    private static readonly string[] WriterParts = ["metrics.jsonl", "episodes.jsonl", "snapshots/index.jsonl"];

    /// <summary>
    /// The files with <see cref="RunFile.Stream"/> set for every file outside the main family, in the same order; a
    /// note per side stream says so. Files other than JSON and plain CSV logs (monitor files, evaluations) pass
    /// through untouched and take no part.
    /// </summary>
    public static List<RunFile> Assign(IReadOnlyList<RunFile> files, string runDir, List<string> notes, RunFile? main = null)
    {
        var logs = files.Select((f, i) => (File: f, Index: i)).Where(x => x.File.Format is FileFormats.Json or FileFormats.Csv && x.File.Stream is null).ToList();
        var result = files.ToList();
        if (logs.Count < 2)
            return result;
        var parent = Enumerable.Range(0, logs.Count).ToArray();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < logs.Count; i++)
        {
            var relative = Relative(logs[i].File.Path, runDir);
            var keys = new List<string> { "name:" + NameKey(relative) };
            if (Shape(logs[i].File) is { } shape)
                keys.Add("shape:" + shape);
            foreach (var key in keys)
            {
                if (byKey.TryGetValue(key, out var other))
                    Union(parent, i, other);
                else
                    byKey.Add(key, i);
            }
        }
        var families = Enumerable.Range(0, logs.Count).GroupBy(i => Find(parent, i)).Select(g => g.ToList()).ToList();
        if (families.Count < 2)
            return result;
        var mainFamily = main is not null ? families.FirstOrDefault(f => f.Any(i => logs[i].File.Path == main.Path)) : null;
        mainFamily ??= families.FirstOrDefault(f => f.Any(i => NameKey(Relative(logs[i].File.Path, runDir)) == WriterKey));
        mainFamily ??= families.OrderByDescending(f => f.Count).ThenByDescending(f => f.Sum(i => logs[i].File.Bytes)).First();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families.Where(f => f != mainFamily).OrderBy(f => logs[f[0]].Index))
        {
            var stem = StreamName(family.Select(i => Path.GetRelativePath(runDir, logs[i].File.Path).Replace('\\', '/')).ToList());
            var name = stem;
            for (var n = 2; !used.Add(name); n++)
                name = stem + "#" + n.ToString(CultureInfo.InvariantCulture);
            foreach (var i in family)
                result[logs[i].Index] = logs[i].File with { Stream = name };
            var names = string.Join(", ", family.Select(i => Path.GetRelativePath(runDir, logs[i].File.Path).Replace('\\', '/')));
            notes.Add($"{names}: another logger's file{(family.Count > 1 ? "s" : "")} (other fields than the main log {MainName(logs, mainFamily, runDir)}), read as stream '{name}': its fields are named {name}{Fields.FieldTable.StreamSeparator}<field> and keep their own x axis.");
        }
        return result;
    }

    private static string MainName(List<(RunFile File, int Index)> logs, List<int> family, string runDir) =>
        Path.GetRelativePath(runDir, logs[family[0]].File.Path).Replace('\\', '/') + (family.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {family.Count - 1} more)") : "");

    /// <summary>
    /// A file's path in the run without its extensions and trailing instance id (<c>all_runs</c> of
    /// <c>all_runs_051a5cd7.json</c>); for several files, what those share before they differ, else the first one's.
    /// </summary>
    private static string StreamName(List<string> paths)
    {
        var stems = paths.Select(Stem).ToList();
        var shared = stems[0].Length;
        foreach (var stem in stems.Skip(1))
            shared = Math.Min(shared, stem.AsSpan().CommonPrefixLength(stems[0]));
        var prefix = stems[0][..shared].TrimEnd('_', '-', '.', ' ');
        return stems.Count > 1 && prefix.Length > 0 && !prefix.EndsWith('/') ? prefix : stems[0];
    }

    private static string Stem(string relative)
    {
        var stem = StripExtensions(relative);
        var bare = InstanceId().Replace(stem, "");
        return bare.Length > 0 && !bare.EndsWith('/') ? bare : stem;
    }

    /// <summary>The file's name without extensions and with every counter (digit run) made '#', a trailing one dropped.</summary>
    private static string NameKey(string relative)
    {
        if (InJsonLogs(relative, "") || WriterParts.Contains(relative, StringComparer.OrdinalIgnoreCase))
            return WriterKey;
        var name = StripExtensions(relative).ToLowerInvariant();
        var bare = Counter().Replace(name, "");
        return Digits().Replace(bare.Length > 0 ? bare : name, "#");
    }

    private static string StripExtensions(string relative)
    {
        var name = relative;
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            name = name[..^3];
        foreach (var ext in new[] { ".csv", ".jsonl", ".ndjson", ".json" })
        {
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
                return name[..^ext.Length];
        }
        return name;
    }

    private static bool InJsonLogs(string path, string runDir) =>
        (runDir.Length == 0 ? path : Path.GetRelativePath(runDir, path)).Replace('\\', '/').Split('/').SkipLast(1)
            .Any(part => part.Equals("json_logs", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The file's shape: its sorted CSV header names (or the column count of a headerless numeric CSV), or the sorted
    /// top-level keys of its first JSON record; null when it cannot be seen in the first 64 KB.
    /// </summary>
    private static string? Shape(RunFile file)
    {
        FileHead head;
        try
        {
            head = FileHead.Read(file.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
        using (head)
            return file.Format == FileFormats.Csv ? CsvShape(head.Bytes) : JsonShape(head.Bytes);
    }


    private static string? CsvShape(ReadOnlySpan<byte> head)
    {
        foreach (var range in ByteLines.Of(head))
        {
            var line = head[range].TrimEnd((byte)'\r');
            if (line.Trim(" \t"u8).IsEmpty)
                continue;
            if (range.End.Value == head.Length)
                return null;
            var names = new List<string>();
            var cells = new CsvCells(line);
            var numeric = true;
            while (cells.Next(out var cell, out _))
            {
                names.Add(Encoding.UTF8.GetString(cell).Trim());
                numeric &= CsvValue.Parse(cell, out _) == CsvValueKind.Number;
            }
            if (cells.Error is not null)
                return null;
            return numeric
                ? string.Create(CultureInfo.InvariantCulture, $"headerless:{names.Count}")
                : string.Join('\n', names.Order(StringComparer.Ordinal));
        }
        return null;
    }

    private static string? JsonShape(ReadOnlySpan<byte> span)
    {
        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
            return null;
        if (span[first] == '[')
        {
            var next = span[(first + 1)..].IndexOfAnyExcept(" \t\r\n"u8);
            first = next < 0 ? -1 : first + 1 + next;
            if (first < 0)
                return null;
        }
        if (span[first] != '{')
            return null;
        var reader = new Utf8JsonReader(span[first..], isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            if (!reader.Read())
                return null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    return string.Join('\n', keys);
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                    keys.Add(reader.GetString()!);
                else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    return null;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static string Relative(string path, string runDir) => Path.GetRelativePath(runDir, path).Replace('\\', '/');

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    }

    private static void Union(int[] parent, int a, int b) => parent[Find(parent, a)] = Find(parent, b);
}
