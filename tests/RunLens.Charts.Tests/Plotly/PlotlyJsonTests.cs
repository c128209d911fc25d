using RunLens.TestSupport;
using RunLens.Plotly;

namespace RunLens.ChartsTests.Plotly;

public class PlotlyJsonTests
{
    private static Figure SmallFigure() => new(
        [
            new ScatterTrace([0, 1, 2], [1.5, null, -2.25])
            {
                Name = "a </script> name", Line = new Line { Color = "#1f77b4", Width = 2, Dash = "dot" },
                CustomData = [[1, 2], [3, null], [5, 6]], HoverTemplate = "%{y}<extra></extra>",
            },
            new ScatterTrace([0, 1, 2], [0.5, 0.5, 0.5]) { Fill = "tonexty", FillColor = "rgba(0,0,0,0.2)", XAxis = "x", YAxis = "y2", ShowLegend = false },
            new HeatmapTrace([0, 1], [0], [[1, null]]) { ColorScale = "Viridis", ZMin = 0, ZMax = 1, XGap = 1, Visible = false },
        ],
        new Layout
        {
            Title = new Title("Small") { Subtitle = new Subtitle("what it shows") },
            XAxes = [new Axis { Title = new Title("step") }],
            YAxes = [new Axis { Domain = [0.55, 1] }, new Axis { Domain = [0, 0.45], Anchor = "x" }],
            Height = 300,
            UpdateMenus = [new UpdateMenu([UpdateMenuButton.Update("one", new TraceUpdate { Visible = [true, false] }, new LayoutUpdate { YAutoRange = "reversed" })])],
        });

    [Fact]
    public void A_small_figure_serializes_to_plotly_json()
    {
        Approvals.Verify(SmallFigure().ToJson());
    }

    [Fact]
    public void A_small_figure_serializes_the_same_under_de_DE()
    {
        using var _ = new CultureScope("de-DE");

        Approvals.Verify(SmallFigure().ToJson());
    }

    [Fact]
    public void Nan_values_serialize_as_null_gaps()
    {
        var trace = ScatterTrace.FromValues([0, 1, 2, 3], [1, double.NaN, double.PositiveInfinity, double.NegativeInfinity]);
        var json = new Figure([trace], new Layout()).ToJson();

        Assert.Contains("\"y\":[1,null,null,null]", json);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }

    [Fact]
    public void Nan_placed_directly_in_a_nullable_array_still_serializes_as_null()
    {
        var json = new Figure([new ScatterTrace([double.NaN], [double.PositiveInfinity]) { Line = new Line { Width = double.NaN } }], new Layout()).ToJson();

        Assert.Contains("\"x\":[null],\"y\":[null]", json);
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
    }

    [Fact]
    public void Axes_are_written_under_plotly_keys_xaxis_yaxis_yaxis2()
    {
        var json = SmallFigure().ToJson();

        Assert.Contains("\"xaxis\":{", json);
        Assert.Contains("\"yaxis\":{\"domain\":[0.55,1]}", json);
        Assert.Contains("\"yaxis2\":{\"domain\":[0,0.45],\"anchor\":\"x\"}", json);
        Assert.DoesNotContain("xaxes", json);
    }

    [Fact]
    public void Script_end_tags_in_text_are_escaped()
    {
        var json = SmallFigure().ToJson();

        Assert.DoesNotContain("</script>", json);
        Assert.Contains("\\u003C/script\\u003E", json);
    }

    [Fact]
    public void With_methods_return_new_figures_and_keep_the_subtitle()
    {
        var figure = SmallFigure();
        var changed = figure.WithTitle("Other").WithHeight(500);

        Assert.Equal("Small", figure.Layout.Title!.Text);
        Assert.Equal("Other", changed.Layout.Title!.Text);
        Assert.Equal("what it shows", changed.Layout.Title.Subtitle!.Text);
        Assert.Equal(500, changed.Layout.Height);
        Assert.Throws<ArgumentOutOfRangeException>(() => figure.WithHeight(0));
    }
}
