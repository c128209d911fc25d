using System.Text.Json;

namespace RunLens.Notebooks;

/// <summary>
/// Reads nbformat 4 notebooks as Polyglot Notebooks writes them (NOTEBOOK-HOST.md section 2). A code cell's kernel is
/// <c>metadata.polyglot_notebook.kernelName</c>, then <c>metadata.dotnet_interactive.language</c>, then the notebook's
/// default (<c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>, then the kernelspec).
/// </summary>
internal static class IpynbReader
{
    public static NotebookDocument Read(string path, byte[] bytes, string sha256)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid(path, "the top level is not a JSON object");
            if (root.TryGetProperty("nbformat", out var nbformat) && nbformat.TryGetInt32(out var major) && major < 4)
                throw Invalid(path, $"nbformat {major} is not supported; save it as nbformat 4");
            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw Invalid(path, "no 'cells' array (is this an nbformat 4 notebook?)");
            var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var defaultKernel = DefaultKernel(metadata);
            var read = new List<NotebookCell>();
            var number = 0;
            foreach (var cell in cells.EnumerateArray())
                read.Add(ReadCell(path, cell, ++number, defaultKernel));
            return new NotebookDocument(path, "ipynb", defaultKernel, read, sha256);
        }
    }

    private static NotebookCell ReadCell(string path, JsonElement cell, int number, string defaultKernel)
    {
        if (cell.ValueKind != JsonValueKind.Object)
            throw Invalid(path, $"cell {number} is not a JSON object");
        var type = Text(cell, "cell_type") ?? throw Invalid(path, $"cell {number} has no 'cell_type'");
        if (!cell.TryGetProperty("source", out var sourceElement))
            throw Invalid(path, $"cell {number} has no 'source'");
        var source = Source(path, sourceElement, number);
        var metadata = cell.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return type switch
        {
            "markdown" => new NotebookCell(CellKind.Markdown, KernelNames.Markdown, source),
            "raw" => new NotebookCell(CellKind.Raw, "raw", source),
            "code" => new NotebookCell(CellKind.Code, CellKernel(metadata) ?? defaultKernel, source),
            _ => throw Invalid(path, $"cell {number} has an unknown cell_type '{type}' (expected code, markdown or raw)"),
        };
    }

    // nbformat allows a string or an array of lines (each keeping its '\n'); the model joins lines with '\n'.
    private static string Source(string path, JsonElement source, int number)
    {
        var text = source.ValueKind switch
        {
            JsonValueKind.String => source.GetString()!,
            JsonValueKind.Array => string.Concat(source.EnumerateArray().Select(line => line.ValueKind == JsonValueKind.String
                ? line.GetString()
                : throw Invalid(path, $"cell {number}'s 'source' array holds a {line.ValueKind}, not a string"))),
            _ => throw Invalid(path, $"cell {number}'s 'source' is a {source.ValueKind}, not a string or an array of lines"),
        };
        return text.Replace("\r\n", "\n");
    }

    private static string? CellKernel(JsonElement metadata)
    {
        var name = Text(Child(metadata, "polyglot_notebook"), "kernelName") ?? Text(Child(metadata, "dotnet_interactive"), "language");
        return name is null ? null : KernelNames.Normalize(name);
    }

    private static string DefaultKernel(JsonElement metadata)
    {
        var fromInfo = Text(Child(Child(metadata, "polyglot_notebook"), "kernelInfo"), "defaultKernelName");
        if (fromInfo is not null)
            return KernelNames.Normalize(fromInfo);
        var spec = Child(metadata, "kernelspec");
        if (Text(spec, "language") is { } language && KernelNames.WellKnown(language) is { } known)
            return known;
        if (Text(spec, "name") is { } specName && specName.StartsWith(".net-", StringComparison.OrdinalIgnoreCase))
            return KernelNames.Normalize(specName[".net-".Length..]);
        return KernelNames.CSharp;
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Text(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static InvalidDataException Invalid(string path, string what) => new($"{path}: {what}.");
}
