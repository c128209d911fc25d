using System.Text.RegularExpressions;
using System.Xml.Linq;
using RunLens.TestSupport;

namespace RunLens.Repository.Tests;

/// <summary>Code tests over the repository itself (ScottPlot's CodeTests): layering and package hygiene.</summary>
public class ProjectTests
{
    private static IEnumerable<string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.csproj", SearchOption.AllDirectories);

    private static IEnumerable<string> References(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));

    [Fact]
    public void No_project_pins_a_package_version_of_its_own()
    {
        foreach (var csproj in Projects("src").Concat(Projects("tests")))
        {
            var versions = XDocument.Load(csproj).Descendants("PackageReference").Where(p => p.Attribute("Version") is not null);
            Assert.True(!versions.Any(), $"{csproj} sets Version= on a PackageReference; versions live in Directory.Packages.props.");
        }
    }

    [Fact]
    public void Central_package_versions_are_exact()
    {
        var props = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props"));
        foreach (var version in props.Descendants("PackageVersion").Select(p => p.Attribute("Version")!.Value))
            Assert.Matches(new Regex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.\-]+)?$"), version);
    }

    [Theory]
    [InlineData("RunLens", new string[0], new[] { "Google.Protobuf", "Microsoft.Data.Sqlite" })]
    [InlineData("RunLens.Charts", new[] { "RunLens" }, new string[0])]
    public void Libraries_depend_only_downwards(string project, string[] allowed, string[] packages)
    {
        var csproj = Projects("src").Single(p => Path.GetFileNameWithoutExtension(p) == project);
        Assert.All(References(csproj), r => Assert.Contains(r, allowed));
        // Only the packages issue 5 names: Google.Protobuf (TensorBoard event files), Microsoft.Data.Sqlite (MLflow's store).
        Assert.All(XDocument.Load(csproj).Descendants("PackageReference"), p => Assert.Contains(p.Attribute("Include")!.Value, packages));
    }

    [Theory]
    [InlineData("RunLens.Notebooks")]
    [InlineData("RunLens.Interactive")]
    public void Only_the_runner_and_the_extension_reference_the_kernel(string allowed)
    {
        // The runner hosts the real kernel; the extension compiles against it (the kernel supplies it at run time). The
        // libraries, the package's code and the CLI never reference it directly: scans and the CLI stay kernel-free.
        var referencing = Projects("src")
            .Where(csproj => XDocument.Load(csproj).Descendants()
                .Where(e => e.Name.LocalName is "PackageReference" or "Reference" or "PackageDownload")
                .Any(e => (e.Attribute("Include")?.Value ?? "").StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)))
            .Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Contains(allowed, referencing);
        Assert.All(referencing, name => Assert.Contains(name, new[] { "RunLens.Notebooks", "RunLens.Interactive" }));
    }

    [Fact]
    public void The_extension_compiles_against_the_kernel_without_shipping_it()
    {
        var csproj = Projects("src").Single(p => Path.GetFileNameWithoutExtension(p) == "RunLens.Interactive");
        var kernel = XDocument.Load(csproj).Descendants("PackageReference")
            .Where(p => (p.Attribute("Include")?.Value ?? "").StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(kernel);
        Assert.All(kernel, p => Assert.Equal("all", p.Attribute("PrivateAssets")?.Value));
        Assert.All(kernel, p => Assert.Equal("runtime", p.Attribute("ExcludeAssets")?.Value));
    }

    [Fact]
    public void No_script_or_page_loads_anything_from_a_cdn()
    {
        var cdn = new Regex(@"cdn\.plot\.ly|cdnjs|jsdelivr|unpkg\.com", RegexOptions.IgnoreCase);
        var sources = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
            Assert.False(cdn.IsMatch(File.ReadAllText(file)), $"{file} names a CDN; everything must work offline.");
    }
}
