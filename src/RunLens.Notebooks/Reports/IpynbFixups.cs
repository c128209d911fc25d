using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunLens.Notebooks;

/// <summary>
/// Repairs what Documents' .ipynb writer gets wrong for Jupyter, on the JSON it wrote: it writes every MIME value as a
/// list of lines, but JSON MIME types (<c>application/json</c>, <c>application/*+json</c> such as plotly's
/// <c>application/vnd.plotly.v1+json</c>) must be JSON values (objects) for Jupyter's renderers; and it has no raw
/// cells, so they were written as code cells and become raw again here.
/// </summary>
internal static class IpynbFixups
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1, // the .NET writer's indentation, which VS Code keeps
        // Notebook files are not HTML: keep markup readable, as Documents and Jupyter write it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="json">The notebook as Documents wrote it.</param>
    /// <param name="rawCells">Indices of the cells that are raw cells.</param>
    public static string Apply(string json, IReadOnlySet<int> rawCells)
    {
        var notebook = JsonNode.Parse(json)!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            if (rawCells.Contains(i))
            {
                cell["cell_type"] = "raw";
                cell.Remove("execution_count");
                cell.Remove("outputs");
                cell["metadata"] = new JsonObject();
                continue;
            }
            if (cell["outputs"] is JsonArray outputs)
            {
                foreach (var data in outputs.Select(o => o?["data"]).OfType<JsonObject>())
                    JsonValuesAsJson(data);
            }
        }
        return notebook.ToJsonString(Indented);
    }

    /// <summary>True for <c>application/json</c> and <c>application/&lt;anything&gt;+json</c>, as nbformat's schema matches them.</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
        && (mimeType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mimeType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static void JsonValuesAsJson(JsonObject data)
    {
        foreach (var mime in data.Select(p => p.Key).Where(IsJsonMimeType).ToList())
        {
            if (data[mime] is not JsonArray lines)
                continue;
            var text = string.Concat(lines.Select(l => l?.GetValue<string>()));
            try
            {
                data[mime] = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: nbformat accepts any value here, so the lines stay as they are.
            }
        }
    }
}
