using System.Text.RegularExpressions;
using System.Xml.Linq;
using RunLens.TestSupport;

namespace RunLens.Repository.Tests;

/// <summary>Code tests over the repository itself (ScottPlot's CodeTests): layering and package hygiene.</summary>
public class ProjectTests
{
    private static IEnumerable<string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), "*.csproj", SearchOption.AllDirectories);

    // The projects whose assembly a project takes in. A reference with ReferenceOutputAssembly="false" only builds the
    // other project first (tests whose notebooks load its bin folder by path) and brings nothing along.
    private static IEnumerable<string> References(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Where(r => !string.Equals(r.Attribute("ReferenceOutputAssembly")?.Value, "false", StringComparison.OrdinalIgnoreCase))
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
    [InlineData("RunLens", new string[0], new[] { "Google.Protobuf", "Microsoft.Data.Sqlite", "Razorvine.Pickle", "Sep" })]
    [InlineData("RunLens.Charts", new[] { "RunLens" }, new string[0])]
    // Images and PDFs through headless Chromium: the DevTools client only, and never a browser download.
    [InlineData("RunLens.Export", new[] { "RunLens.Charts" }, new[] { "PuppeteerSharp" })]
    // The F# interop assemblies: each only on the library it converts, its F# package and FSharp.Core (10.1, which some
    // kernels cannot load), plus the kernel's formatter for Deedle frames, compile-only.
    [InlineData("RunLens.Deedle", new[] { "RunLens" }, new[] { "Deedle", "FSharp.Core", "Microsoft.DotNet.Interactive.Formatting" })]
    [InlineData("RunLens.PlotlyNet", new[] { "RunLens.Charts" }, new[] { "Plotly.NET", "FSharp.Core" })]
    public void Libraries_depend_only_downwards(string project, string[] allowed, string[] packages)
    {
        var csproj = Projects("src").Single(p => Path.GetFileNameWithoutExtension(p) == project);
        Assert.All(References(csproj), r => Assert.Contains(r, allowed));
        // Only what a format needs: Google.Protobuf (TensorBoard event files), Microsoft.Data.Sqlite (MLflow's store),
        // Razorvine.Pickle (Maze's pickled trajectories, read without running code), Sep (CSV, which ARCHITECTURE.md
        // allows; the CSV reader is our own for now, see CsvRecordReader, but a format may take it).
        Assert.All(XDocument.Load(csproj).Descendants("PackageReference"), p => Assert.Contains(p.Attribute("Include")!.Value, packages));
    }

    [Fact]
    public void Only_the_cli_and_tests_reference_the_export_assembly_and_only_it_drives_a_browser()
    {
        // The core, the charts and the kernel extension stay browser-free: scans and notebooks never start Chromium
        // unless a user asks for an image.
        foreach (var csproj in Projects("src"))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            if (name is not ("RunLens.Cli" or "RunLens.Export"))
                Assert.DoesNotContain("RunLens.Export", References(csproj));
            var packages = XDocument.Load(csproj).Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value);
            if (name != "RunLens.Export")
                Assert.DoesNotContain("PuppeteerSharp", packages);
        }
        Assert.Contains("RunLens.Export", References(Projects("src").Single(p => Path.GetFileNameWithoutExtension(p) == "RunLens.Cli")));
    }

    [Theory]
    [InlineData("RunLens.Deedle")]
    [InlineData("RunLens.PlotlyNet")]
    public void Nothing_but_its_tests_references_an_fsharp_interop_assembly_or_its_packages(string project)
    {
        var fsharp = new[] { "Deedle", "Plotly.NET", "FSharp.Core", "DynamicObj" };
        foreach (var csproj in Projects("src").Concat(Projects("tests")))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            // Its own tests, and the repository tests that load every library to check its public types.
            if (name == project || name == project + ".Tests" || name == "RunLens.Repository.Tests")
                continue;
            // Loading RunLens must never need FSharp.Core 10.1: no other project may bring it along.
            Assert.DoesNotContain(project, References(csproj));
            var packages = XDocument.Load(csproj).Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value);
            // The runner (not a library) takes FSharp.Core 10.1 so notebooks using Deedle or Plotly.NET run in reports.
            var mayUse = name is "RunLens.Deedle" or "RunLens.PlotlyNet" or "RunLens.Deedle.Tests" or "RunLens.PlotlyNet.Tests" ? fsharp
                : name == "RunLens.Notebooks" ? ["FSharp.Core"] : [];
            Assert.True(!packages.Intersect(fsharp.Except(mayUse)).Any(), $"{csproj} references an F# package; keep F# in RunLens.Deedle and RunLens.PlotlyNet.");
        }
    }

    [Fact]
    public void Kernel_assemblies_are_referenced_only_by_the_extension_and_the_deedle_formatter_compile_only_and_by_the_runner()
    {
        // The runner hosts the real C# kernel in-process. The extension and RunLens.Deedle's frame formatter compile
        // against what the kernel supplies at run time and never copy it. The libraries and the CLI reference none of
        // it directly: scans and the CLI stay kernel-free.
        var allowed = new Dictionary<string, string[]>
        {
            ["RunLens.Notebooks"] = ["Microsoft.DotNet.Interactive", "Microsoft.DotNet.Interactive.CSharp", "Microsoft.DotNet.Interactive.Documents",
                "Microsoft.DotNet.Interactive.Formatting", "Microsoft.DotNet.Interactive.PackageManagement"],
            ["RunLens.Interactive"] = ["Microsoft.DotNet.Interactive"],
            ["RunLens.Deedle"] = ["Microsoft.DotNet.Interactive.Formatting"],
        };
        foreach (var csproj in Projects("src"))
        {
            var name = Path.GetFileNameWithoutExtension(csproj);
            var references = XDocument.Load(csproj).Descendants()
                .Where(e => e.Name.LocalName is "PackageReference" or "Reference" or "PackageDownload")
                .Where(e => (e.Attribute("Include")?.Value ?? "").StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)).ToList();
            var mine = allowed.GetValueOrDefault(name, []);
            Assert.All(references, r => Assert.Contains(r.Attribute("Include")!.Value, mine));
            if (name == "RunLens.Notebooks")
                continue;
            Assert.All(references, r =>
            {
                Assert.Equal("all", r.Attribute("PrivateAssets")?.Value);
                Assert.Equal("runtime", r.Attribute("ExcludeAssets")?.Value);
            });
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
