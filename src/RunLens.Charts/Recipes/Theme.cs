using RunLens.Plotly;

namespace RunLens;

/// <summary>
/// A look applied to a finished figure, so it reaches every recipe the same way: recipes state their colours from
/// one palette (d3's category10), and a theme maps that palette's i-th colour to its own i-th colour (keeping each
/// band's transparency), sets the fonts and backgrounds, and hides interactive chrome. Apply one with
/// <see cref="Figure.WithTheme"/>, <c>ImageOptions.Theme</c> or <c>runlens plot --theme</c>.
/// </summary>
/// <example><code>scan.RewardCurves().WithTheme(Theme.Publication).SaveImage("rewards.pdf");</code></example>
public sealed record Theme
{
    /// <summary>The theme's name, as <c>--theme</c> spells it.</summary>
    public required string Name { get; init; }

    /// <summary>Colours that replace the recipes' palette, in order (CSS hex colours); null keeps the recipes' own.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>The default font for every text of the figure; null keeps plotly's.</summary>
    public Font? Font { get; init; }

    /// <summary>The title's font size in CSS pixels (1 px = 0.75 pt when printed at 96 px per inch).</summary>
    public double? TitleSize { get; init; }

    /// <summary>The subtitle's font size, and the characters per line it is wrapped at.</summary>
    public (double Size, int WrapAt)? Subtitle { get; init; }

    /// <summary>The page and plotting-area background; null keeps the recipe's.</summary>
    public string? Background { get; init; }

    /// <summary>Axis lines in this colour (null: none added).</summary>
    public string? AxisLineColor { get; init; }

    /// <summary>Whether plotly's mode bar (zoom, pan, download) shows; null keeps the figure's setting.</summary>
    public bool? ModeBar { get; init; }

    /// <summary>The recipes' own look: every figure unchanged.</summary>
    public static Theme Default { get; } = new() { Name = "default" };

    /// <summary>
    /// For papers: white background, black axis lines, text readable at single (3.5 in) and double (7 in) column
    /// widths (12 px = 9 pt body, 14 px = 10.5 pt title, 10 px = 7.5 pt subtitle, when laid out at 96 px per inch as
    /// <c>SaveImage</c> does), Okabe and Ito's colour-blind-safe palette, and no mode bar.
    /// </summary>
    public static Theme Publication { get; } = new()
    {
        Name = "publication",
        // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
        // Ordered so the recipes' blue, orange, green, red stay blue, orange, green and vermillion.
        Colors = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"],
        // Fonts found on Linux, macOS and Windows alike, so a PDF embeds a metric-compatible Helvetica/Arial.
        Font = new Font { Family = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif", Size = 12, Color = "#000000" },
        TitleSize = 14,
        Subtitle = (10, 95),
        Background = "#ffffff",
        AxisLineColor = "#000000",
        ModeBar = false,
    };

    /// <summary>The themes <c>--theme</c> knows, by name.</summary>
    public static IReadOnlyList<Theme> All { get; } = [Default, Publication];

    /// <summary>The theme called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No theme has that name; the message lists the names.</exception>
    public static Theme Named(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no theme '{name}'; use one of: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));

    /// <summary>The figure in this theme.</summary>
    internal Figure Apply(Figure figure)
    {
        if (this == Default)
            return figure;
        var layout = figure.Layout;
        var font = Font is null ? layout.Font : Merge(Font, layout.Font);
        layout = layout with
        {
            Font = font,
            Title = layout.Title is { } title ? Retitle(title) : null,
            PaperBgColor = Background ?? layout.PaperBgColor,
            PlotBgColor = Background ?? layout.PlotBgColor,
            XAxes = layout.XAxes.Select(Restyle).ToList(),
            YAxes = layout.YAxes.Select(Restyle).ToList(),
            Annotations = layout.Annotations?.Select(a => a with { Font = a.Font is { } f ? f with { Color = Recolor(f.Color) } : null }).ToList(),
        };
        if (Subtitle is { } subtitle && layout.Title?.Subtitle is not null && layout.Margin?.T is not null)
        {
            // The recipes reserve top margin for their subtitle's lines; rewrapped, it has another number of them.
            var lines = layout.Title.Subtitle.Text.Split("<br>").Length;
            layout = layout with { Margin = layout.Margin with { T = layout.Margin.T - 16 * lines + (int)Math.Ceiling(subtitle.Size * 1.25 * lines) + 8 } };
        }
        var config = ModeBar is { } modeBar ? (figure.Config ?? new Config()) with { DisplayModeBar = modeBar } : figure.Config;
        return figure with { Data = figure.Data.Select(Recolor).ToList(), Layout = layout, Config = config };
    }

    private Title Retitle(Title title)
    {
        var retitled = TitleSize is { } size ? title with { Font = (title.Font ?? new Font()) with { Size = size } } : title;
        if (Subtitle is not { } subtitle || title.Subtitle is not { } sub)
            return retitled;
        // Recipes break long subtitles at "; " for a wide page (Charts.Wrap); a smaller font on a narrower page
        // takes another break, so undo theirs and wrap again.
        var text = Charts.Wrap(sub.Text.Replace(";<br>", "; ", StringComparison.Ordinal), subtitle.WrapAt).Text;
        return retitled with { Subtitle = sub with { Text = text, Font = (sub.Font ?? new Font()) with { Size = subtitle.Size } } };
    }

    private Axis Restyle(Axis axis) => AxisLineColor is { } line ? axis with { ShowLine = axis.ShowLine ?? true, LineColor = axis.LineColor ?? line } : axis;

    private Trace Recolor(Trace trace) => trace switch
    {
        ScatterTrace s => s with
        {
            Line = s.Line is { } l ? l with { Color = Recolor(l.Color) } : null,
            Marker = s.Marker is { } m ? m with { Color = Recolor(m.Color), Line = m.Line is { } ml ? ml with { Color = Recolor(ml.Color) } : null } : null,
            FillColor = Recolor(s.FillColor),
        },
        _ => trace,
    };

    private string? Recolor(string? css) => Colors is null ? css : Palette.Recolor(css, Colors);

    private static Font Merge(Font theme, Font? figure) => figure is null ? theme : figure with
    {
        Family = theme.Family ?? figure.Family,
        Size = theme.Size ?? figure.Size,
        Color = theme.Color ?? figure.Color,
    };
}
