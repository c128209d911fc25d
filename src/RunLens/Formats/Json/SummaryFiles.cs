using System.Globalization;
using System.Text;
using System.Text.Json;
using RunLens.Formats.Csv;

namespace RunLens.Formats.Json;

/// <summary>
/// Files that hold a run's final results rather than a time series: two-column key/value CSV tables
/// (<c>metric,value</c>) and single JSON objects named like a summary (<c>summary.json</c>, <c>results.json</c>).
/// They become <see cref="RunInfo.Summary"/>, not records.
/// </summary>
internal static class SummaryFiles
{
    /// <summary>A key/value table is read whole; a larger CSV is a log whatever its shape.</summary>
    private const long MaxTableBytes = 1 << 20;

    private static readonly string[] KeyNames = ["metric", "key", "name", "stat", "statistic", "field", "parameter"];

    private static readonly string[] ValueNames = ["value", "val", "result", "score"];

    /// <summary>Words of a JSON document's name that make it a summary: one object of final values.</summary>
    private static readonly string[] SummaryWords = ["summary", "result", "final", "score", "best", "stats", "metrics"];

    /// <summary>
    /// Takes the key/value tables out of <paramref name="files"/> into <paramref name="summary"/>, and reads the
    /// summary documents of <paramref name="documents"/> (single-object JSON files the log rule left out), each
    /// with a note. Keys of several files are kept as written; a key given twice keeps the last file's value.
    /// </summary>
    public static List<RunFile> Take(List<RunFile> files, IEnumerable<FileInfo> documents, string runDir,
        Dictionary<string, ConfigValue> summary, List<string> notes, List<LoadIssue> issues)
    {
        var kept = new List<RunFile>();
        foreach (var file in files)
        {
            if (file.Format == FileFormats.Csv && file.Bytes <= MaxTableBytes && ReadTable(file.Path, issues) is { } table)
            {
                foreach (var (key, value) in table.Entries)
                    summary[key] = value;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Relative(file.Path, runDir)} is a key/value table ({table.Header}): its {table.Entries.Count} entries are the run's summary, not a time series."));
            }
            else
                kept.Add(file);
        }
        foreach (var document in documents.OrderBy(d => d.FullName, StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(document.Name).ToLowerInvariant();
            if (!SummaryWords.Any(stem.Contains) || document.Length > MaxTableBytes)
                continue;
            var entries = ReadDocument(document.FullName, issues);
            if (entries is null || entries.Count == 0)
                continue;
            foreach (var (key, value) in entries)
                summary[key] = value;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Relative(document.FullName, runDir)} holds one object: its {entries.Count} values are the run's summary."));
        }
        return kept;
    }

    private static string Relative(string path, string runDir) => Path.GetRelativePath(runDir, path).Replace('\\', '/');

    /// <summary>
    /// The entries of a two-column table whose header names a key and a value column (<c>metric,value</c>), or
    /// whose first column holds only text names (every row's first cell is text and unique); null otherwise.
    /// </summary>
    private static (string Header, List<(string Key, ConfigValue Value)> Entries)? ReadTable(string path, List<LoadIssue> issues)
    {
        string[] lines;
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
                return null;
            lines = File.ReadAllLines(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}; file not loaded"));
            return null;
        }
        var rows = new List<List<string>>();
        var scratch = new byte[256];
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
                continue;
            var bytes = Encoding.UTF8.GetBytes(line.TrimStart('\uFEFF'));
            var cells = new CsvCells(bytes);
            var row = new List<string>();
            while (cells.Next(out var cell, out var escaped))
                row.Add(Encoding.UTF8.GetString(escaped ? CsvCells.Unescape(cell, ref scratch) : cell).Trim());
            if (cells.Error is not null || row.Count != 2)
                return null;
            rows.Add(row);
        }
        if (rows.Count < 2)
            return null;
        var header = rows[0];
        var named = KeyNames.Contains(header[0], StringComparer.OrdinalIgnoreCase) && ValueNames.Contains(header[1], StringComparer.OrdinalIgnoreCase);
        var data = rows.Skip(1).ToList();
        var textKeys = data.All(r => r[0].Length > 0 && CsvValue.Parse(Encoding.UTF8.GetBytes(r[0]), out _) == CsvValueKind.Text)
            && data.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count() == data.Count
            && CsvValue.Parse(Encoding.UTF8.GetBytes(header[0]), out _) == CsvValueKind.Text;
        if (!named && !textKeys)
            return null;
        var entries = data.Select(r => (r[0], ValueOf(r[1]))).ToList();
        return (header[0] + "," + header[1], entries);
    }

    private static ConfigValue ValueOf(string cell)
    {
        var bytes = Encoding.UTF8.GetBytes(cell);
        if (CsvValue.Parse(bytes, out var number) == CsvValueKind.Number)
        {
            // CsvValue reads True/False as 1/0 for series; a summary keeps them as the booleans they are.
            return cell.Trim().ToLowerInvariant() switch
            {
                "true" => ConfigValue.Of(true),
                "false" => ConfigValue.Of(false),
                _ => ConfigValue.Of(number),
            };
        }
        return ConfigValue.Of(cell);
    }

    /// <summary>The document's numbers, booleans and strings by dotted path (arrays are left out); null when it is no object.</summary>
    private static List<(string Key, ConfigValue Value)>? ReadDocument(string path, List<LoadIssue> issues)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            var entries = new List<(string, ConfigValue)>();
            Flatten(document.RootElement, "", entries);
            return entries;
        }
        catch (JsonException ex)
        {
            issues.Add(new LoadIssue(path, null, null, $"not valid JSON ({ex.Message}); the summary it may hold is not loaded"));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(path, null, null, $"cannot read: {ex.Message}; file not loaded"));
            return null;
        }
    }

    private static void Flatten(JsonElement element, string prefix, List<(string, ConfigValue)> entries)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, key + ".", entries);
                    break;
                case JsonValueKind.Number:
                    entries.Add((key, ConfigValue.Of(property.Value.GetDouble())));
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    entries.Add((key, ConfigValue.Of(property.Value.GetBoolean())));
                    break;
                case JsonValueKind.String:
                    entries.Add((key, ConfigValue.Of(property.Value.GetString()!)));
                    break;
            }
        }
    }
}
