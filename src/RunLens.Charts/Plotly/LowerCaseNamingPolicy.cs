using System.Text.Json;

namespace RunLens.Plotly;

/// <summary>plotly's attribute names are lowercase run-together words: ShowLegend becomes showlegend.</summary>
internal sealed class LowerCaseNamingPolicy : JsonNamingPolicy
{
    public override string ConvertName(string name) => name.ToLowerInvariant();
}
