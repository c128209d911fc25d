using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace RunLens.Notebooks;

/// <summary>
/// What Documents does not keep of an <c>.ipynb</c>: each cell's <c>cell_type</c> (it reads raw cells as code) and the
/// kernels the notebook declares under <c>metadata.polyglot_notebook.kernelInfo</c> (it looks for them elsewhere). It
/// also checks the shape, so a broken file is an error naming the file and what is wrong, not an empty notebook.
/// </summary>
/// <param name="CellTypes">Each cell's <c>cell_type</c>: code, markdown or raw, in order.</param>
/// <param name="DeclaredKernels">The notebook's Polyglot kernel info, or null.</param>
/// <param name="KernelSpecName">The Jupyter kernelspec's name (<c>.net-csharp</c>), or null.</param>
internal sealed record IpynbOutline(IReadOnlyList<string> CellTypes, KernelInfoCollection? DeclaredKernels, string? KernelSpecName)
{
    private static readonly string[] Types = ["code", "markdown", "raw"];

    public static IpynbOutline Read(string path, string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "the top level is not a JSON object");
            if (root.TryGetProperty("nbformat", out var nbformat) && nbformat.TryGetInt32(out var major) && major < 4)
                throw Invalid(path, $"nbformat {major} is not supported; save it as nbformat 4");
            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw Invalid(path, "no 'cells' array (is this an nbformat 4 notebook?)");
            var types = cells.EnumerateArray().Select((cell, i) => CellType(path, cell, i + 1)).ToList();
            var metadata = Child(root, "metadata");
            return new IpynbOutline(types, Declared(path, Child(Child(metadata, "polyglot_notebook"), "kernelInfo")),
                Child(Child(metadata, "kernelspec"), "name") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null);
        }
    }

    private static string CellType(string path, JsonElement cell, int number)
    {
        if (cell.ValueKind != JsonValueKind.Object)
            throw Invalid(path, $"cell {number} is not a JSON object");
        if (Child(cell, "cell_type") is not { ValueKind: JsonValueKind.String } type)
            throw Invalid(path, $"cell {number} has no 'cell_type'");
        if (!cell.TryGetProperty("source", out var source) || source.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            throw Invalid(path, $"cell {number} has no 'source' (a string or an array of lines)");
        return Types.FirstOrDefault(t => t == type.GetString())
            ?? throw Invalid(path, $"cell {number} has an unknown cell_type '{type.GetString()}' (expected code, markdown or raw)");
    }

    private static KernelInfoCollection? Declared(string path, JsonElement kernelInfo)
    {
        if (kernelInfo.ValueKind != JsonValueKind.Object)
            return null;
        try
        {
            // KernelInfoCollection carries its own converter: the same reading Documents does for .dib metadata.
            return kernelInfo.Deserialize<KernelInfoCollection>();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw Invalid(path, $"metadata.polyglot_notebook.kernelInfo is not a kernel list: {e.Message}");
        }
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static InvalidDataException Invalid(string path, string what) => new($"{path}: {what}.");
}
