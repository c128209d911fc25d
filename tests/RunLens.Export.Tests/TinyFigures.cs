using RunLens.Plotly;

namespace RunLens.ExportTests;

/// <summary>Hand-checkable figures: two straight lines in pure colours, one of them three times as thick.</summary>
internal static class TinyFigures
{
    public static Figure TwoLines(string title = "Two lines") => new(
        [
            new ScatterTrace([0, 1, 2, 3], [0, 1, 2, 3]) { Name = "rising", Line = new Line { Color = "rgb(255,0,0)", Width = 6 } },
            new ScatterTrace([0, 1, 2, 3], [3, 3, 3, 3]) { Name = "flat", Line = new Line { Color = "rgb(0,0,255)", Width = 2 } },
        ],
        new Layout { Title = new Title(title), ShowLegend = false, PaperBgColor = "#ffffff", PlotBgColor = "#ffffff" });
}
