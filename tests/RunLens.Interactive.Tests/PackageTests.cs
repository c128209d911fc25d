using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RunLens.Interactive.Tests;

/// <summary>Opens the RunLens .nupkg that building src/RunLens.Interactive packs, and checks its layout and nuspec.</summary>
public sealed partial class PackageTests
{
    private static readonly string[] Frameworks = ["net8.0", "net10.0"];
    private static readonly string[] LibraryFiles = ["RunLens.dll", "RunLens.xml", "RunLens.Charts.dll", "RunLens.Charts.xml"];
    private static readonly string[] ExtensionFiles = ["RunLens.Interactive.dll", "RunLens.Interactive.xml"];
    private const string ExtensionPath = "interactive-extensions/dotnet/extension.dib";

    private static string Metadata(string key) =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    // Packed once per test run exactly as the README says (dotnet pack -c Release -o DIR): relying on the build's
    // own pack raced with dotnet test, which starts a test project as soon as it is built.
    private static readonly Lazy<string> Packed = new(Pack);

    internal static string PackagePath => Packed.Value;

    private static string Pack()
    {
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Metadata("RunLensPackage"))!, "..", ".."));
        var output = Path.Combine(Path.GetTempPath(), "runlens-tests", $"pack-{Environment.ProcessId}");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "pack", project, "-c", "Release", "--no-restore", "-o", output })
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet pack {project} failed:\n{stdout.Result}\n{stderr}");
        var path = Path.Combine(output, $"RunLens.{Metadata("RunLensVersion")}.nupkg");
        Assert.True(File.Exists(path), $"dotnet pack did not write {path}.");
        return path;
    }

    private static List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static string ReadEntry(string name)
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is not in the package.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static XElement NuspecMetadata()
    {
        var nuspec = Entries().Single(e => !e.Contains('/', StringComparison.Ordinal) && e.EndsWith(".nuspec", StringComparison.Ordinal));
        var root = XDocument.Parse(ReadEntry(nuspec)).Root!;
        return root.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    [Fact]
    public void Lib_holds_the_libraries_and_their_docs_per_framework_and_the_extension_for_net10()
    {
        var expected = Frameworks.SelectMany(tfm => LibraryFiles.Select(f => $"lib/{tfm}/{f}"))
            .Concat(ExtensionFiles.Select(f => $"lib/net10.0/{f}")).Order(StringComparer.Ordinal);
        var lib = Entries().Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, lib);
    }

    [Fact]
    public void The_extension_script_is_where_the_kernel_looks_for_it()
    {
        Assert.Contains(ExtensionPath, Entries());
        Assert.DoesNotContain(Entries(), e => e.StartsWith("interactive-extensions/", StringComparison.Ordinal)
            && e.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_names_RunLens_with_the_repository_version_a_license_and_a_readme()
    {
        var metadata = NuspecMetadata();
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        Assert.Equal("RunLens", Value("id"));
        Assert.Equal(Metadata("RunLensVersion"), Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains(Value("readme"), Entries());
    }

    [Fact]
    public void Nuspec_depends_on_protobuf_and_sqlite_and_for_net10_on_the_data_frame_package_only()
    {
        var metadata = NuspecMetadata();
        // Per framework exactly the packages the libraries need (TensorBoard's protobuf, MLflow's SQLite store, and
        // for the extension the DataFrame package): nothing of .NET Interactive (the kernel supplies it), nothing that
        // needs FSharp.Core 10.1 (the served kernel cannot load it), no shared framework such as ASP.NET Core.
        string[] Dependencies(string tfm) => [.. metadata.Descendants().Where(e => e.Name.LocalName == "group" && e.Attribute("targetFramework")?.Value == tfm)
            .Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal)];
        Assert.Equal(["Google.Protobuf", "Microsoft.Data.Sqlite"], Dependencies("net8.0"));
        Assert.Equal(["Google.Protobuf", "Microsoft.Data.Analysis", "Microsoft.Data.Sqlite"], Dependencies("net10.0"));
        var other = metadata.Descendants().Where(e => e.Name.LocalName is "frameworkReference" or "frameworkAssembly" or "reference");
        Assert.Empty(other);
    }

    [Fact]
    public void Extension_script_adds_using_RunLens_and_loads_the_extension_without_declaring_variables()
    {
        var code = string.Join("\n", CSharpCells(ReadEntry(ExtensionPath)));

        Assert.Equal(["using RunLens;"], code.Split('\n').Where(l => UsingDirective().IsMatch(l)).Select(l => l.Trim()));
        Assert.Contains("await RunLens.Interactive.RunLensKernelExtension.LoadAsync();", code, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"^\s*(var|[A-Z]\w*(<.*>)?)\s+\w+\s*=", code);
    }

    /// <summary>The C# cells of a .dib: the lines after each <c>#!csharp</c> (or <c>#!c#</c>) up to the next <c>#!</c> line.</summary>
    internal static List<string> CSharpCells(string dib)
    {
        var cells = new List<string>();
        List<string>? current = null;
        foreach (var line in dib.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                if (current is not null)
                    cells.Add(string.Join('\n', current));
                current = line.Trim() is "#!csharp" or "#!c#" ? [] : null;
            }
            else
            {
                current?.Add(line);
            }
        }
        if (current is not null)
            cells.Add(string.Join('\n', current));
        return cells.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
    }

    // A using directive (not a using statement or declaration): using X; using static X; using A = X; global using X;
    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?[\w.]+\s*(=|;)")]
    private static partial Regex UsingDirective();
}
