using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Recipes;

public class PositionHeatmapTests
{
    private static readonly PositionCount[] _oneMap =
    [
        new(null, 0, 0, 1), new(null, 1, 0, 10), new(null, 2, 1, 1000),
    ];

    private static readonly PositionCount[] _threeMaps =
    [
        new(1, 0, 0, 5), new(40, 3, 4, 12_000), new(40, 4, 4, 345), new(7, 1, 1, 2),
    ];

    [Fact]
    public void A_single_map_heatmap_matches_the_approved_json()
    {
        Approvals.Verify(Charts.PositionHeatmap(_oneMap).ToJson());
    }

    [Fact]
    public void Several_maps_heatmap_matches_the_approved_json()
    {
        Approvals.Verify(Charts.PositionHeatmap(_threeMaps, "Maps").ToJson());
    }

    [Fact]
    public void Counts_are_drawn_on_a_log_scale_with_real_counts_on_hover_and_gaps_for_unvisited_cells()
    {
        var trace = Assert.IsType<HeatmapTrace>(Assert.Single(Charts.PositionHeatmap(_oneMap).Data));

        Assert.Equal([0, 1, null], trace.Z[0]);          // log10(1), log10(10), unvisited
        Assert.Equal([null, null, 3], trace.Z[1]);       // log10(1000)
        Assert.Equal([1, 10, null], trace.CustomData![0]);
        Assert.Equal(["1", "10", "100", "1,000"], trace.ColorBar!.TickText);
        Assert.Equal([0, 1, 2, 3], trace.ColorBar.TickVals);
    }

    [Fact]
    public void Cells_are_square_and_y_grows_downwards()
    {
        var layout = Charts.PositionHeatmap(_oneMap).Layout;

        Assert.Equal("reversed", layout.YAxes[0].AutoRange);
        Assert.Equal("x", layout.YAxes[0].ScaleAnchor);
        Assert.Equal(1, layout.YAxes[0].ScaleRatio);
        Assert.Null(layout.UpdateMenus);
    }

    [Fact]
    public void Several_maps_get_a_dropdown_starting_on_the_most_visited()
    {
        var figure = Charts.PositionHeatmap(_threeMaps);
        var menu = Assert.Single(figure.Layout.UpdateMenus!);

        Assert.Equal(["map 1 (5 visits)", "map 7 (2 visits)", "map 40 (12,345 visits)"], menu.Buttons.Select(b => b.Label));
        Assert.Equal(2, menu.Active);
        Assert.Equal([false, false, null], figure.Data.Select(t => t.Visible));
        Assert.Equal([false, false, true], Assert.IsType<TraceUpdate>(menu.Buttons[2].Args[0]).Visible);
    }

    [Fact]
    public void The_subtitle_counts_every_record_and_cell()
    {
        var subtitle = Charts.PositionHeatmap(_threeMaps).Layout.Title!.Subtitle!.Text;

        Assert.Equal("counts of all 12,352 records with a position; 4 distinct cells; log colour scale", subtitle);
    }

    [Fact]
    public void No_positions_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Charts.PositionHeatmap(Array.Empty<PositionCount>()));

        Assert.Contains("position.x", error.Message);
    }
}
