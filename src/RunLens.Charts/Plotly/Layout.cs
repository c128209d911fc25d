using System.Text.Json.Serialization;

namespace RunLens.Plotly;

/// <summary>
/// Everything about a figure that is not data: title, axes, subplot placement, legend, size, menus.
/// Properties left null are omitted, so plotly's defaults apply.
/// </summary>
public sealed record Layout
{
    /// <summary>The figure title and subtitle.</summary>
    public Title? Title { get; init; }

    /// <summary>
    /// The x axes: the first is plotly's <c>xaxis</c> (traces refer to it as <c>x</c>), the second <c>xaxis2</c>
    /// (<c>x2</c>), and so on. A list rather than <c>XAxis2..XAxis9</c> properties, so a recipe with any number of
    /// subplots builds its axes in a loop and there is no arbitrary limit.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<Axis> XAxes { get; init; } = [];

    /// <summary>The y axes: <c>yaxis</c> (<c>y</c>), <c>yaxis2</c> (<c>y2</c>), ... (see <see cref="XAxes"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<Axis> YAxes { get; init; } = [];

    /// <summary>An automatic subplot grid (when the axes do not set domains themselves).</summary>
    public Grid? Grid { get; init; }

    /// <summary>Whether the legend shows.</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>The legend's position and orientation.</summary>
    public Legend? Legend { get; init; }

    /// <summary>Space around the plotting area.</summary>
    public Margin? Margin { get; init; }

    /// <summary>Height in pixels (width follows the container: the renderer makes plots responsive).</summary>
    public int? Height { get; init; }

    /// <summary>What hovering picks: <c>closest</c>, <c>x</c>, <c>x unified</c>...</summary>
    public string? HoverMode { get; init; }

    /// <summary>Text labels placed on the figure.</summary>
    public IReadOnlyList<Annotation>? Annotations { get; init; }

    /// <summary>Dropdowns and buttons.</summary>
    public IReadOnlyList<UpdateMenu>? UpdateMenus { get; init; }

    /// <summary>The page background colour.</summary>
    // plotly's own spelling has an underscore: lowercasing the name alone ("paperbgcolor") is silently ignored.
    [JsonPropertyName("paper_bgcolor")]
    public string? PaperBgColor { get; init; }

    /// <summary>The plotting area's background colour.</summary>
    [JsonPropertyName("plot_bgcolor")]
    public string? PlotBgColor { get; init; }

    /// <summary>The default font.</summary>
    public Font? Font { get; init; }

    // plotly names axes xaxis, xaxis2, ... as separate layout keys. The typed lists above are written under those
    // keys through extension data: the values stay typed Axis records, serialized by the same generated context.
    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, object> AxisKeys
    {
        get
        {
            var keys = new Dictionary<string, object>(XAxes.Count + YAxes.Count, StringComparer.Ordinal);
            for (var i = 0; i < XAxes.Count; i++)
                keys.Add(AxisKey("xaxis", i), XAxes[i]);
            for (var i = 0; i < YAxes.Count; i++)
                keys.Add(AxisKey("yaxis", i), YAxes[i]);
            return keys;
        }
        set => _ = value;
    }

    /// <summary>plotly's trace reference of the i-th (0-based) x axis: <c>x</c>, <c>x2</c>, ...</summary>
    public static string XRef(int index) => index == 0 ? "x" : "x" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>plotly's trace reference of the i-th (0-based) y axis: <c>y</c>, <c>y2</c>, ...</summary>
    public static string YRef(int index) => index == 0 ? "y" : "y" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string AxisKey(string prefix, int index) =>
        index == 0 ? prefix : prefix + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
