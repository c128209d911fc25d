using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace RunLens.Notebooks;

/// <summary>
/// Writes an executed notebook as <c>.ipynb</c> with .NET Interactive's own writer (Microsoft.DotNet.Interactive.Documents),
/// outputs included (<c>display_data</c>, <c>execute_result</c>, <c>stream</c>, <c>error</c>), with Polyglot metadata
/// and cell ids (nbformat 4.5), then repairs what that writer gets wrong for Jupyter (<see cref="IpynbFixups"/>).
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
        var kernel = string.IsNullOrEmpty(run.Document.DefaultKernel) ? PolyglotKernels.CSharp : run.Document.DefaultKernel;
        var document = new InteractiveDocument();
        foreach (var cell in run.Cells)
            document.Add(Element(cell, run.Document));
        var kernels = new KernelInfoCollection { DefaultKernelName = kernel };
        foreach (var name in run.Cells.Where(c => c.Cell.Kind == CellKind.Code).Select(c => c.Cell.Kernel).Prepend(kernel).Distinct(StringComparer.Ordinal))
            kernels.Add(new KernelInfo(name));
        // The metadata VS Code's Polyglot extension writes (NOTEBOOK-HOST.md section 2).
        document.Metadata["kernelspec"] = KernelSpec(kernel);
        document.Metadata["language_info"] = new Dictionary<string, object> { ["name"] = "polyglot-notebook" };
        document.Metadata["polyglot_notebook"] = new Dictionary<string, object> { ["kernelInfo"] = kernels };
        var rawCells = run.Cells.Select((c, i) => (c, i)).Where(p => p.c.Cell.Kind == CellKind.Raw).Select(p => p.i).ToHashSet();
        return IpynbFixups.Apply(document.ToJupyterJson(), rawCells) + "\n";
    }

    private static Dictionary<string, object> KernelSpec(string kernel) => kernel switch
    {
        "fsharp" => Spec(".NET (F#)", "F#", ".net-fsharp"),
        "pwsh" => Spec(".NET (PowerShell)", "PowerShell", ".net-pwsh"),
        _ => Spec(".NET (C#)", "C#", ".net-csharp"),
    };

    private static Dictionary<string, object> Spec(string displayName, string language, string name) =>
        new() { ["display_name"] = displayName, ["language"] = language, ["name"] = name };

    private static InteractiveDocumentElement Element(CellResult result, NotebookDocument document)
    {
        var id = CellId(document, result.Number);
        var cell = result.Cell;
        if (cell.Kind == CellKind.Markdown)
            return new InteractiveDocumentElement(cell.Source, PolyglotKernels.Markdown) { Id = id, Metadata = new Dictionary<string, object>() };
        // Raw cells go out as code cells (Documents knows no other kind) and IpynbFixups turns them back.
        var outputs = cell.Kind == CellKind.Raw ? [] : result.Outputs.Select(o => Output(o, result.ExecutionCount));
        return new InteractiveDocumentElement(cell.Source, cell.Kernel, outputs)
        {
            Id = id,
            ExecutionOrder = result.ExecutionCount ?? 0,
            // Documents adds dotnet_interactive.language and polyglot_notebook.kernelName; VS Code adds this too.
            Metadata = new Dictionary<string, object> { ["vscode"] = new Dictionary<string, object> { ["languageId"] = "polyglot-notebook" } },
        };
    }

    private static InteractiveDocumentOutputElement Output(CellOutput output, int? executionCount)
    {
        switch (output)
        {
            case DisplayOutput { IsResult: true } d when executionCount is { } count:
                var result = new ReturnValueElement { ExecutionOrder = count };
                foreach (var (mime, value) in Sorted(d))
                    result.Data[mime] = value;
                return result;
            case DisplayOutput d:
                return new DisplayElement(Sorted(d).ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.Ordinal));
            case StreamOutput s:
                return new TextElement(s.Text, s.Name);
            case ErrorOutput e:
                return new ErrorElement(e.Message, e.Name, [.. e.Traceback]);
            default:
                throw new ArgumentException($"Unknown output kind {output.GetType().Name}.", nameof(output));
        }
    }

    // MIME types in a fixed order, so the same run always gives the same file.
    private static IEnumerable<KeyValuePair<string, string>> Sorted(DisplayOutput display) =>
        display.Data.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    // nbformat 4.5 wants an id on every cell: 8 hex digits from the notebook's hash and the cell's number, so the same
    // notebook always gets the same ids.
    private static string CellId(NotebookDocument document, int number) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            document.Sha256 + ":" + number.ToString(CultureInfo.InvariantCulture))), 0, 4).ToLowerInvariant();
}
