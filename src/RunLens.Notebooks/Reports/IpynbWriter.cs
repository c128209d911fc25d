using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RunLens.Notebooks;

/// <summary>
/// Writes an executed notebook as the <c>.ipynb</c> Polyglot Notebooks writes (nbformat 4.5 with cell ids and
/// Polyglot metadata), outputs included: <c>display_data</c>, <c>execute_result</c>, <c>stream</c> and <c>error</c>.
/// Jupyter, VS Code and GitHub show it with its outputs.
/// </summary>
/// <example>
/// <code>
/// var run = NotebookRunner.Run(NotebookReader.Read("notebooks/01-quickstart.ipynb"));
/// IpynbWriter.Write(run, "artifacts/01-quickstart.ipynb");
/// </code>
/// </example>
public static class IpynbWriter
{
    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> (UTF-8, creating its folder).</summary>
    /// <param name="run">The executed notebook.</param>
    /// <param name="path">The .ipynb file to write.</param>
    public static void Write(NotebookRun run, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = ToJson(run);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The executed notebook as .ipynb JSON (indented with one space, as the .NET writer does).</summary>
    /// <param name="run">The executed notebook.</param>
    /// <returns>The file's text, ending with a newline.</returns>
    public static string ToJson(NotebookRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var kernel = string.IsNullOrEmpty(run.Document.DefaultKernel) ? "csharp" : run.Document.DefaultKernel;
        var kernels = run.Cells.Where(c => c.Cell.Kind == CellKind.Code).Select(c => c.Cell.Kernel)
            .Prepend(kernel).Distinct(StringComparer.Ordinal).Select(k => new IpynbKernelItem([], k)).ToList();
        var file = new IpynbFile(
            run.Cells.Select(c => Cell(c, run.Document)).ToList(),
            new IpynbNotebookMetadata(KernelSpec(kernel), new IpynbLanguageInfo("polyglot-notebook"),
                new IpynbPolyglotNotebook(new IpynbKernelInfo(kernel, kernels))),
            4, 5);
        return JsonSerializer.Serialize(file, IpynbJsonContext.Default.IpynbFile) + "\n";
    }

    private static IpynbKernelSpec KernelSpec(string kernel) => kernel switch
    {
        "fsharp" => new(".NET (F#)", "F#", ".net-fsharp"),
        "pwsh" => new(".NET (PowerShell)", "PowerShell", ".net-pwsh"),
        _ => new(".NET (C#)", "C#", ".net-csharp"),
    };

    private static IpynbCell Cell(CellResult result, NotebookDocument document)
    {
        var id = CellId(document, result.Number);
        var source = Lines(result.Cell.Source);
        return result.Cell.Kind switch
        {
            CellKind.Markdown => new IpynbMarkdownCell(id, source, IpynbEmpty.Value),
            CellKind.Raw => new IpynbRawCell(id, source, IpynbEmpty.Value),
            _ => new IpynbCodeCell(id, source, result.ExecutionCount,
                new IpynbCodeCellMetadata(new IpynbDotnetInteractive(result.Cell.Kernel), new IpynbCellKernel(result.Cell.Kernel),
                    new IpynbVscode("polyglot-notebook")),
                result.Outputs.Select(o => Output(o, result.ExecutionCount)).ToList()),
        };
    }

    private static IpynbOutput Output(CellOutput output, int? executionCount) => output switch
    {
        DisplayOutput { IsResult: true } d when executionCount is { } count => new IpynbExecuteResult(Data(d), count, IpynbEmpty.Value),
        DisplayOutput d => new IpynbDisplayData(Data(d), IpynbEmpty.Value),
        StreamOutput s => new IpynbStream(s.Name, Lines(s.Text)),
        ErrorOutput e => new IpynbError(e.Name, e.Message, e.Traceback),
        _ => throw new ArgumentException($"Unknown output kind {output.GetType().Name}.", nameof(output)),
    };

    private static Dictionary<string, IReadOnlyList<string>> Data(DisplayOutput display) =>
        display.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => Lines(kv.Value), StringComparer.Ordinal);

    /// <summary>Jupyter's multiline strings: lines keeping their '\n', except the last (an empty text is no lines).</summary>
    internal static IReadOnlyList<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    // nbformat 4.5 wants an id on every cell: 8 hex digits from the notebook's hash and the cell's number, so the same
    // notebook always gets the same ids.
    private static string CellId(NotebookDocument document, int number) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            document.Sha256 + ":" + number.ToString(CultureInfo.InvariantCulture))), 0, 4).ToLowerInvariant();
}
