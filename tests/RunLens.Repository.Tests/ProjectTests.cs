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

    [Fact]
    public void Only_the_runner_references_the_kernel_formatter_and_nothing_references_the_kernel()
    {
        foreach (var csproj in Projects("src"))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            var references = XDocument.Load(csproj).Descendants()
                .Where(e => e.Name.LocalName is "PackageReference" or "Reference" or "PackageDownload")
                .Select(e => e.Attribute("Include")?.Value ?? "").ToList();
            // The runner formats outputs with the kernel's own Formatting DLL (referenced by path, see its csproj);
            // the libraries and the package must work in any kernel version, so they reference none of it.
            var allowed = name == "RunLens.Notebooks" ? new[] { "Microsoft.DotNet.Interactive.Formatting" } : [];
            Assert.All(references.Where(r => r.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)),
                r => Assert.Contains(r, allowed));
        }
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
