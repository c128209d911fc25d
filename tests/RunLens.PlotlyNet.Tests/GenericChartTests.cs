using System.Text.Json;
using Microsoft.FSharp.Core;
using Plotly.NET;
using RunLens.TestSupport;

namespace RunLens.PlotlyNetTests;

public class GenericChartTests
{
    /// <summary>A run of 40 steps: rewards.total and two components, a spike at step 17.</summary>
    private static Figure RewardCurves(TempDir dir)
    {
        var lines = Enumerable.Range(0, 40).Select(i =>
            $"{{\"step\":{i},\"rewards\":{{\"total\":{(i == 17 ? 50 : i * 0.25)},\"explore\":{i * 0.125},\"event\":{(i % 5 == 0 ? 1 : 0)}}}}}");
        dir.Write("run/metrics.jsonl", string.Join("\n", lines) + "\n");
        return Runs.Load(dir.Path).Single().RewardCurves();
    }

    private static Figure Heatmap()
    {
        var cells = new List<PositionCount>();
        for (var x = 0; x < 6; x++)
            for (var y = 0; y < 4; y++)
                if ((x + y) % 3 != 0)
                    cells.Add(new PositionCount(40, x, y, 1 + x * y));
        return Charts.PositionHeatmap(cells);
    }

    private static Figure ParallelCoordinates(TempDir dir)
    {
        foreach (var (lr, batch, seed) in new[] { (0.1, 8, 0), (0.1, 16, 1), (0.01, 8, 0), (0.01, 16, 1) })
        {
            dir.Write($"lr={lr},batch={batch}/seed_{seed}/metrics.jsonl", $"{{\"step\":0,\"score\":{lr * 100 + batch + seed}}}\n");
            dir.Write($"lr={lr},batch={batch}/seed_{seed}/config.json", $"{{\"learning_rate\":{lr},\"batch_size\":{batch},\"seed\":{seed}}}");
        }
        return Runs.Load(dir.Path).FinalScores("score", groupBy: "learning_rate").Sweep().ParallelCoordinates();
    }

    public static TheoryData<string> Recipes => new() { "reward curves", "heatmap", "parallel coordinates" };

    private static Figure Recipe(string name, TempDir dir) => name switch
    {
        "reward curves" => RewardCurves(dir),
        "heatmap" => Heatmap(),
        _ => ParallelCoordinates(dir),
    };

    [Theory]
    [MemberData(nameof(Recipes))]
    public void Plotly_nets_json_of_the_converted_chart_is_the_figures_data_and_layout(string recipe)
    {
        using var dir = new TempDir();
        var figure = Recipe(recipe, dir);

        var chart = figure.ToGenericChart();

        using var ours = JsonDocument.Parse(figure.ToJson());
        using var theirs = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        JsonAssert.Equal(ours.RootElement.GetProperty("data"), theirs.RootElement.GetProperty("data"), "data");
        JsonAssert.Equal(ours.RootElement.GetProperty("layout"), theirs.RootElement.GetProperty("layout"), "layout");
        Assert.Equal(figure.Data.Count, GenericChart.countTrace(chart));
    }

    [Fact]
    public void The_figures_config_comes_along()
    {
        var figure = Heatmap() with { Config = new Plotly.Config { DisplayModeBar = false, ScrollZoom = true } };

        using var ours = JsonDocument.Parse(figure.ToJson());
        using var theirs = JsonDocument.Parse(GenericChart.toJson(figure.ToGenericChart()));

        JsonAssert.Equal(ours.RootElement.GetProperty("config"), theirs.RootElement.GetProperty("config"), "config");
    }

    [Fact]
    public void A_plotly_net_title_and_size_restyle_change_only_the_title_text_and_the_size()
    {
        using var dir = new TempDir();
        var figure = RewardCurves(dir);
        var chart = figure.ToGenericChart();

        var styled = Chart.withSize(640.0, 480.0).Invoke(Chart.withTitle("Restyled", FSharpOption<Font>.None).Invoke(chart));

        using var before = JsonDocument.Parse(figure.ToJson());
        using var after = JsonDocument.Parse(GenericChart.toFigureJson(styled));
        var layout = after.RootElement.GetProperty("layout");
        Assert.Equal("Restyled", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(640, layout.GetProperty("width").GetInt32());
        Assert.Equal(480, layout.GetProperty("height").GetInt32());
        // Everything else is as it was: the data, the axes, the title's other properties.
        JsonAssert.Equal(before.RootElement.GetProperty("data"), after.RootElement.GetProperty("data"), "data");
        foreach (var property in before.RootElement.GetProperty("layout").EnumerateObject().Where(p => p.Name is not ("title" or "width" or "height")))
            JsonAssert.Equal(property.Value, layout.GetProperty(property.Name), property.Name);
        foreach (var property in before.RootElement.GetProperty("layout").GetProperty("title").EnumerateObject().Where(p => p.Name != "text"))
            JsonAssert.Equal(property.Value, layout.GetProperty("title").GetProperty(property.Name), "title." + property.Name);
    }

    [Fact]
    public void Axes_are_plotly_nets_own_axis_type_so_its_axis_functions_see_them()
    {
        using var dir = new TempDir();
        var figure = RewardCurves(dir);
        var layout = GenericChart.getLayout(figure.ToGenericChart());

        // Plotly.NET reads an axis by type and treats any other object as no axis (its styling would replace it).
        var axis = Layout.getLinearAxisById(StyleParam.SubPlotId.NewXAxis(1)).Invoke(layout);

        using var ours = JsonDocument.Parse(figure.ToJson());
        var xaxis = ours.RootElement.GetProperty("layout").GetProperty("xaxis");
        Assert.Equal(xaxis.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), axis.GetPropertyNames(false).Order(StringComparer.Ordinal));
        Assert.IsType<Title>(layout.GetPropertyValue("title"));
    }
}
