using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.FSharp.Collections;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;

namespace RunLens;

/// <summary>
/// RunLens figures as Plotly.NET charts: <c>figure.ToGenericChart()</c>, then restyle with Plotly.NET's own API
/// (<c>Chart.withTitle</c>, <c>Chart.withSize</c>, <c>Chart.withXAxisStyle</c>...).
/// </summary>
/// <remarks>
/// Plotly.NET 6.0 needs FSharp.Core 10.1. A kernel that ships an older FSharp.Core (dotnet-interactive 1.0.712001 and
/// dotnet-repl 0.3.259 ship 10.0) fails as soon as Plotly.NET code runs, with
/// <c>System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0, ...'</c>.
/// That is why this is an assembly of its own that nothing else in RunLens references: loading RunLens never fails
/// because of it, and a RunLens <see cref="Figure"/> displays on its own without Plotly.NET.
/// </remarks>
public static partial class PlotlyNetCharts
{
    /// <summary>
    /// The figure as a Plotly.NET <see cref="GenericChart"/> with the same traces, layout and config: every property
    /// the figure writes to plotly JSON is copied (nested objects, arrays, nulls that are gaps in a trace's data), so
    /// Plotly.NET writes the same figure back. Objects Plotly.NET reads by type become its own types (axes are
    /// <see cref="LinearAxis"/>, the legend a <see cref="Legend"/>, titles <see cref="Title"/>, lines
    /// <see cref="Line"/>, markers <see cref="Marker"/>...), so its styling functions update them rather than replace
    /// them; everything else is a plain <see cref="DynamicObj.DynamicObj"/>. Integral numbers become <c>int</c> (or
    /// <c>long</c>), other numbers <c>double</c>. HTML written by Plotly.NET embeds its plotly.js
    /// (<c>PlotlyJSReference.Full</c>), so it works offline.
    /// </summary>
    /// <param name="figure">A RunLens figure, e.g. <c>run.RewardCurves()</c>.</param>
    /// <example><code>Chart.withSize(800.0, 500.0).Invoke(run.RewardCurves().ToGenericChart())</code></example>
    public static GenericChart ToGenericChart(this Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        using var json = JsonDocument.Parse(figure.ToJson());
        var root = json.RootElement;
        var traces = root.GetProperty("data").EnumerateArray().Select(ToTrace).ToList();
        var layout = Fill(new Layout(), root.GetProperty("layout"));
        var config = root.TryGetProperty("config", out var c) ? Fill(new Config(), c) : new Config();
        var display = new DisplayOptions();
        display.SetProperty("PlotlyJSReference", PlotlyJSReference.Full);
        return traces.Count == 1
            ? GenericChart.NewChart(traces[0], layout, config, display)
            : GenericChart.NewMultiChart(ListModule.OfSeq(traces), layout, config, display);
    }

    private static Trace ToTrace(JsonElement trace)
    {
        var type = trace.TryGetProperty("type", out var t) ? t.GetString()! : "scatter";
        var result = new Trace(type);
        foreach (var property in trace.EnumerateObject().Where(p => p.Name != "type"))
            result.SetProperty(property.Name, Value(property.Name, property.Value));
        return result;
    }

    private static T Fill<T>(T target, JsonElement json) where T : DynamicObj.DynamicObj
    {
        foreach (var property in json.EnumerateObject())
            target.SetProperty(property.Name, Value(property.Name, property.Value));
        return target;
    }

    /// <summary>A JSON value as Plotly.NET holds it; <paramref name="name"/> picks the type of an object.</summary>
    private static object? Value(string name, JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => Fill(ObjectFor(name), json),
        JsonValueKind.Array => json.EnumerateArray().Select(item => Value(ItemName(name), item)).ToArray(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt32(out var i) ? i : json.TryGetInt64(out var l) ? l : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The Plotly.NET type of an object under this property name, where Plotly.NET reads it by type.</summary>
    private static DynamicObj.DynamicObj ObjectFor(string name) => name switch
    {
        _ when Axis().IsMatch(name) => new LinearAxis(),
        _ when name.StartsWith("legend", StringComparison.Ordinal) && !name.Contains("group", StringComparison.Ordinal) => new Legend(),
        _ when name.StartsWith("coloraxis", StringComparison.Ordinal) => new ColorAxis(),
        "title" => new Title(),
        "font" or "tickfont" or "titlefont" => new Font(),
        "margin" => new Margin(),
        "grid" => new LayoutGrid(),
        "line" => new Line(),
        "marker" => new Marker(),
        "colorbar" => new ColorBar(),
        "error_x" or "error_y" or "error_z" => new Error(),
        "annotation" => new Annotation(),
        "dimension" => new Dimension(),
        "updatemenu" => new UpdateMenu(),
        _ => new DynamicObj.DynamicObj(),
    };

    // The items of annotations, dimensions and update menus are typed like their singular.
    private static string ItemName(string arrayName) => arrayName switch
    {
        "annotations" => "annotation",
        "dimensions" => "dimension",
        "updatemenus" => "updatemenu",
        _ => arrayName,
    };

    [GeneratedRegex("^[xy]axis[0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Axis();
}
