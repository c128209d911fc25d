using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.ChartsTests;

public class AssetsTests
{
    [Fact]
    public void PlotlyJs_version_equals_the_version_pinned_in_package_json()
    {
        var packageJson = Path.Combine(TestPaths.RepoRoot, "src", "RunLens.Charts", "npm", "package.json");
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));

        var pinned = document.RootElement.GetProperty("dependencies").GetProperty("plotly.js-dist-min").GetString();

        Assert.Equal(PlotlyJs.Version, pinned);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Script[..200]);
    }

    [Fact]
    public void Every_asset_the_code_names_is_embedded()
    {
        var embedded = typeof(Figure).Assembly.GetManifestResourceNames();

        foreach (var name in Assets.Names)
            Assert.Contains(name, embedded);
        Assert.Contains("MIT", PlotlyJs.License);
    }

    [Fact]
    public void A_missing_asset_is_reported_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Assets.Read("RunLens.Charts.Assets.nothing.js"));

        Assert.Contains("RunLens.Charts.Assets.nothing.js", error.Message);
    }
}
