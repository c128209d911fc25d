using System.Text.Json.Serialization;

namespace RunLens.Notebooks;

// The .ipynb shapes Polyglot Notebooks writes (nbformat 4.5; design/NOTEBOOK-HOST.md section 2), as typed records.
// Text fields are arrays of lines, each keeping its '\n' except the last.

internal sealed record IpynbFile(
    [property: JsonPropertyName("cells")] IReadOnlyList<IpynbCell> Cells,
    [property: JsonPropertyName("metadata")] IpynbNotebookMetadata Metadata,
    [property: JsonPropertyName("nbformat")] int Nbformat,
    [property: JsonPropertyName("nbformat_minor")] int NbformatMinor);

internal sealed record IpynbNotebookMetadata(
    [property: JsonPropertyName("kernelspec")] IpynbKernelSpec KernelSpec,
    [property: JsonPropertyName("language_info")] IpynbLanguageInfo LanguageInfo,
    [property: JsonPropertyName("polyglot_notebook")] IpynbPolyglotNotebook PolyglotNotebook);

internal sealed record IpynbKernelSpec(
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("name")] string Name);

internal sealed record IpynbLanguageInfo([property: JsonPropertyName("name")] string Name);

internal sealed record IpynbPolyglotNotebook([property: JsonPropertyName("kernelInfo")] IpynbKernelInfo KernelInfo);

internal sealed record IpynbKernelInfo(
    [property: JsonPropertyName("defaultKernelName")] string DefaultKernelName,
    [property: JsonPropertyName("items")] IReadOnlyList<IpynbKernelItem> Items);

internal sealed record IpynbKernelItem(
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases,
    [property: JsonPropertyName("name")] string Name);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "cell_type")]
[JsonDerivedType(typeof(IpynbCodeCell), "code")]
[JsonDerivedType(typeof(IpynbMarkdownCell), "markdown")]
[JsonDerivedType(typeof(IpynbRawCell), "raw")]
internal abstract record IpynbCell(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] IReadOnlyList<string> Source);

internal sealed record IpynbCodeCell(
    string Id,
    IReadOnlyList<string> Source,
    [property: JsonPropertyName("execution_count"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ExecutionCount,
    [property: JsonPropertyName("metadata")] IpynbCodeCellMetadata Metadata,
    [property: JsonPropertyName("outputs")] IReadOnlyList<IpynbOutput> Outputs) : IpynbCell(Id, Source);

internal sealed record IpynbMarkdownCell(string Id, IReadOnlyList<string> Source,
    [property: JsonPropertyName("metadata")] IpynbEmpty Metadata) : IpynbCell(Id, Source);

internal sealed record IpynbRawCell(string Id, IReadOnlyList<string> Source,
    [property: JsonPropertyName("metadata")] IpynbEmpty Metadata) : IpynbCell(Id, Source);

/// <summary>An empty JSON object (<c>{}</c>).</summary>
internal sealed record IpynbEmpty
{
    public static IpynbEmpty Value { get; } = new();
}

internal sealed record IpynbCodeCellMetadata(
    [property: JsonPropertyName("dotnet_interactive")] IpynbDotnetInteractive DotnetInteractive,
    [property: JsonPropertyName("polyglot_notebook")] IpynbCellKernel PolyglotNotebook,
    [property: JsonPropertyName("vscode")] IpynbVscode Vscode);

internal sealed record IpynbDotnetInteractive([property: JsonPropertyName("language")] string Language);

internal sealed record IpynbCellKernel([property: JsonPropertyName("kernelName")] string KernelName);

internal sealed record IpynbVscode([property: JsonPropertyName("languageId")] string LanguageId);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "output_type")]
[JsonDerivedType(typeof(IpynbDisplayData), "display_data")]
[JsonDerivedType(typeof(IpynbExecuteResult), "execute_result")]
[JsonDerivedType(typeof(IpynbStream), "stream")]
[JsonDerivedType(typeof(IpynbError), "error")]
internal abstract record IpynbOutput;

internal sealed record IpynbDisplayData(
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, IReadOnlyList<string>> Data,
    [property: JsonPropertyName("metadata")] IpynbEmpty Metadata) : IpynbOutput;

internal sealed record IpynbExecuteResult(
    [property: JsonPropertyName("data")] IReadOnlyDictionary<string, IReadOnlyList<string>> Data,
    [property: JsonPropertyName("execution_count")] int ExecutionCount,
    [property: JsonPropertyName("metadata")] IpynbEmpty Metadata) : IpynbOutput;

internal sealed record IpynbStream(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("text")] IReadOnlyList<string> Text) : IpynbOutput;

internal sealed record IpynbError(
    [property: JsonPropertyName("ename")] string Ename,
    [property: JsonPropertyName("evalue")] string Evalue,
    [property: JsonPropertyName("traceback")] IReadOnlyList<string> Traceback) : IpynbOutput;

[JsonSourceGenerationOptions(WriteIndented = true, IndentSize = 1, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IpynbFile))]
internal sealed partial class IpynbJsonContext : JsonSerializerContext;
