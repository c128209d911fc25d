using System.Text;
using System.Text.Json;

namespace RunLens.Notebooks;

/// <summary>
/// Reads <c>.dib</c> files as dotnet/interactive's <c>CodeSubmission</c> parser does (NOTEBOOK-HOST.md section 1): an
/// optional <c>#!meta</c> JSON block, then cells separated by lines that are exactly <c>#!&lt;kernel or alias&gt;</c>.
/// Other <c>#!</c> lines (<c>#!time</c>, <c>#!set</c>) are cell content.
/// </summary>
internal static class DibReader
{
    public static NotebookDocument Read(string path, byte[] bytes, string sha256)
    {
        var text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var known = KernelNames.All.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var defaultKernel = KernelNames.CSharp;
        var metaLine = Array.FindIndex(lines, l => l.TrimEnd() == "#!meta");
        if (metaLine >= 0)
        {
            var end = Array.FindIndex(lines, metaLine + 1, l => l.StartsWith("#!", StringComparison.Ordinal));
            end = end < 0 ? lines.Length : end;
            defaultKernel = ReadMeta(path, string.Join('\n', lines[(metaLine + 1)..end]), known) ?? defaultKernel;
            // Text before #!meta (rare) still belongs to the default kernel; the meta block itself is not a cell.
            lines = [.. lines[..metaLine], .. lines[end..]];
        }
        var cells = new List<NotebookCell>();
        var kernel = defaultKernel;
        var content = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.StartsWith("#!", StringComparison.Ordinal) && known.TryGetValue(line[2..], out var next))
            {
                Add(cells, kernel, content);
                kernel = next;
                content.Clear();
            }
            else
            {
                content.Add(lines[i]);
            }
        }
        Add(cells, kernel, content);
        if (cells.Count == 0)
            cells.Add(Cell(defaultKernel, ""));
        return new NotebookDocument(path, "dib", defaultKernel, cells, sha256);
    }

    private static void Add(List<NotebookCell> cells, string kernel, List<string> content)
    {
        var first = content.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        if (first < 0)
            return;
        var last = content.FindLastIndex(l => !string.IsNullOrWhiteSpace(l));
        cells.Add(Cell(kernel, string.Join('\n', content.Skip(first).Take(last - first + 1))));
    }

    private static NotebookCell Cell(string kernel, string source) => kernel == KernelNames.Markdown
        ? new NotebookCell(CellKind.Markdown, kernel, source)
        : new NotebookCell(CellKind.Code, kernel, source);

    // {"kernelInfo":{"defaultKernelName":"csharp","items":[{"name":"sql","aliases":["q"]}]}}: the items' names and
    // aliases become separators too.
    private static string? ReadMeta(string path, string json, Dictionary<string, string> known)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (!doc.RootElement.TryGetProperty("kernelInfo", out var info) || info.ValueKind != JsonValueKind.Object)
                return null;
            if (info.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (!item.TryGetProperty("name", out var n) || n.GetString() is not { Length: > 0 } name)
                        continue;
                    var canonical = KernelNames.Normalize(name);
                    known.TryAdd(name, canonical);
                    if (item.TryGetProperty("aliases", out var aliases) && aliases.ValueKind == JsonValueKind.Array)
                        foreach (var alias in aliases.EnumerateArray().Select(a => a.GetString()).OfType<string>())
                            known.TryAdd(alias, canonical);
                }
            }
            return info.TryGetProperty("defaultKernelName", out var d) && d.GetString() is { Length: > 0 } kernel
                ? KernelNames.Normalize(kernel)
                : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the #!meta block is not valid JSON: {e.Message}", e);
        }
    }
}
