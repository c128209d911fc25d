using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Recipes;

public class PositionHeatmapPathTests
{
    // Map 2 is the busier (7 visits against 4), so without a path the figure would open on it.
    private static readonly PositionCount[] _twoMaps =
    [
        new(1, 0, 0, 3), new(1, 1, 0, 1), new(2, 0, 0, 5), new(2, 0, 1, 2),
    ];

    // Two steps on map 1, then through a door to map 2 for two steps.
    private static readonly Episode _crossing = Walk(3, ["1", "1", "2", "2"], [0, 0], [1, 0], [0, 0], [0, 1]);

    private static Episode Walk(int index, IReadOnlyList<string>? maps, params double[][] positions) =>
        new(index, 1.5, positions.Length)
        {
            Trajectory = new Trajectory(new double[positions.Length]) { Positions = positions, Maps = maps },
        };

    [Fact]
    public void Two_maps_heatmap_with_an_episode_path_matches_the_approved_json()
    {
        Approvals.Verify(Charts.PositionHeatmap(_twoMaps, _crossing, "Crossing").ToJson());
    }

    [Fact]
    public void Each_map_shows_its_cells_with_its_part_of_the_path_start_and_end_on_their_maps()
    {
        var figure = Charts.PositionHeatmap(_twoMaps, _crossing);
        var buttons = Assert.Single(figure.Layout.UpdateMenus!).Buttons;

        Assert.Equal(["map 1", "path", "start (step 0)", "map 2", "path", "end (step 3)"], figure.Data.Select(t => t.Name));
        Assert.Equal(["map 1 (4 visits, 2 path steps)", "map 2 (7 visits, 2 path steps)"], buttons.Select(b => b.Label));
        Assert.Equal([true, true, true, false, false, false], Assert.IsType<TraceUpdate>(buttons[0].Args[0]).Visible);
        Assert.Equal([false, false, false, true, true, true], Assert.IsType<TraceUpdate>(buttons[1].Args[0]).Visible);
    }

    [Fact]
    public void With_a_path_the_figure_opens_on_the_map_where_the_episode_starts()
    {
        var figure = Charts.PositionHeatmap(_twoMaps, _crossing);

        Assert.Equal(0, Assert.Single(figure.Layout.UpdateMenus!).Active);
        Assert.Equal([null, null, null, false, false, false], figure.Data.Select(t => t.Visible));
    }

    [Fact]
    public void The_path_is_a_line_with_markers_and_hover_shows_the_step()
    {
        var path = Assert.IsType<ScatterTrace>(Charts.PositionHeatmap(_twoMaps, _crossing).Data[4]);

        Assert.Equal("lines+markers", path.Mode);
        Assert.Equal([0, 0], path.X);
        Assert.Equal([0, 1], path.Y);
        Assert.Equal([[2], [3]], path.CustomData!);
        Assert.StartsWith("step %{customdata[0]:,}", path.HoverTemplate);
    }

    [Fact]
    public void The_subtitle_names_the_episode_its_steps_and_maps()
    {
        var subtitle = Charts.PositionHeatmap(_twoMaps, _crossing).Layout.Title!.Subtitle!.Text;

        Assert.EndsWith("<br>path of episode 3, 4 steps over 2 maps", subtitle);
    }

    [Fact]
    public void A_path_that_leaves_a_map_and_comes_back_breaks_its_line_where_it_was_away()
    {
        var roundTrip = Walk(0, ["1", "2", "1"], [0, 0], [0, 0], [1, 0]);

        var figure = Charts.PositionHeatmap(_twoMaps, roundTrip);
        var onMap1 = Assert.IsType<ScatterTrace>(figure.Data[1]);

        Assert.Equal([0, null, 1], onMap1.X);
        Assert.Equal([[0], [null], [2]], onMap1.CustomData!);
        Assert.Equal(["map 1", "path", "start (step 0)", "end (step 2)", "map 2", "path"], figure.Data.Select(t => t.Name));
    }

    [Fact]
    public void A_step_without_a_finite_position_is_a_gap_and_is_counted_in_the_subtitle()
    {
        var figure = Charts.PositionHeatmap(_twoMaps, Walk(1, ["1", "1", "1"], [0, 0], [double.NaN, 0], [1, 0]));

        Assert.Equal([0, null, 1], Assert.IsType<ScatterTrace>(figure.Data[1]).X);
        Assert.EndsWith("path of episode 1, 3 steps over 1 map (1 without a position)", figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void A_map_only_the_path_visits_gets_its_own_button_without_cells()
    {
        var figure = Charts.PositionHeatmap(_twoMaps, Walk(0, ["2", "40"], [0, 0], [5, 5]));
        var menu = Assert.Single(figure.Layout.UpdateMenus!);

        Assert.Equal(["map 1 (4 visits)", "map 2 (7 visits, 1 path steps)", "map 40 (0 visits, 1 path steps)"], menu.Buttons.Select(b => b.Label));
        Assert.Equal(["map 1", "map 2", "path", "start (step 0)", "path", "end (step 1)"], figure.Data.Select(t => t.Name));
        Assert.Equal([false, false, false, false, true, true], Assert.IsType<TraceUpdate>(menu.Buttons[2].Args[0]).Visible);
        Assert.Equal(1, menu.Active);
    }

    [Fact]
    public void A_path_without_maps_on_a_heatmap_without_maps_is_one_map_without_a_dropdown()
    {
        PositionCount[] cells = [new(null, 0, 0, 2), new(null, 1, 0, 1)];

        var figure = Charts.PositionHeatmap(cells, Walk(7, null, [0, 0], [1, 0]), title: "One room");

        Assert.Null(figure.Layout.UpdateMenus);
        Assert.All(figure.Data, t => Assert.Null(t.Visible));
        Assert.Equal(["cells", "path", "start (step 0)", "end (step 1)"], figure.Data.Select(t => t.Name));
        Assert.EndsWith("<br>path of episode 7, 2 steps", figure.Layout.Title!.Subtitle!.Text);
    }

    [Fact]
    public void Map_names_that_read_as_numbers_match_the_heatmaps_maps()
    {
        var figure = Charts.PositionHeatmap(_twoMaps, Walk(0, ["01", " 2"], [0, 0], [0, 0]));

        Assert.Equal(2, Assert.Single(figure.Layout.UpdateMenus!).Buttons.Count);
    }

    [Fact]
    public void Without_a_path_nothing_changes()
    {
        var figure = Charts.PositionHeatmap(_twoMaps);

        Assert.All(figure.Data, t => Assert.IsType<HeatmapTrace>(t));
        Assert.Null(figure.Layout.Legend);
        Assert.Equal(1, Assert.Single(figure.Layout.UpdateMenus!).Active);
    }

    [Fact]
    public void An_episode_without_positions_is_a_clear_error()
    {
        var summaryOnly = new Episode(5, 10, 20);

        var error = Assert.Throws<ArgumentException>(() => Charts.PositionHeatmap(_twoMaps, summaryOnly));

        Assert.Contains("Episode 5 has no positions", error.Message);
        Assert.Contains("only the summary was logged", error.Message);
        Assert.Equal("episode", error.ParamName);
    }

    [Fact]
    public void An_episode_with_steps_but_no_positions_says_so()
    {
        var noPositions = new Episode(2, 1, 2) { Trajectory = new Trajectory([0.5, 0.5]) };

        var error = Assert.Throws<ArgumentException>(() => Charts.PositionHeatmap(_twoMaps, noPositions));

        Assert.Contains("the steps have no x, y", error.Message);
    }

    [Fact]
    public void A_run_heatmap_draws_a_path_with_the_run_name_as_title()
    {
        using var temp = new TempDir();
        temp.Write("game/run1/json_logs/0_0.json",
            """
            [{"step":0,"env":0,"position":{"x":1,"y":2,"map":40},"rewards":{"total":0}},
             {"step":1,"env":0,"position":{"x":2,"y":2,"map":40},"rewards":{"total":1}}]
            """);
        var run = Runs.Load(Path.Combine(temp.Path, "game")).Single();

        var figure = run.PositionHeatmap(Walk(0, ["40", "40"], [1, 2], [2, 2]));

        Assert.Equal("Positions: " + run.Name, figure.Layout.Title!.Text);
        Assert.Equal(["map 40", "path", "start (step 0)", "end (step 1)"], figure.Data.Select(t => t.Name));
    }
}
