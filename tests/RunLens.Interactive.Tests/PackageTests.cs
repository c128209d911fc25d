using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace RunLens.Interactive.Tests;

/// <summary>Opens the RunLens .nupkg that building src/RunLens.Interactive packs, and checks its layout and nuspec.</summary>
public sealed partial class PackageTests
{
    private static readonly string[] Frameworks = ["net8.0", "net10.0"];
    private static readonly string[] LibraryFiles = ["RunLens.dll", "RunLens.xml", "RunLens.Charts.dll", "RunLens.Charts.xml"];
    private const string ExtensionPath = "interactive-extensions/dotnet/extension.dib";

    private static string Metadata(string key) =>
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    // Packed once per test run exactly as the README says (dotnet pack -c Release -o DIR): relying on the build's
    // own pack raced with dotnet test, which starts a test project as soon as it is built.
    private static readonly Lazy<string> Packed = new(Pack);

    private static string PackagePath => Packed.Value;

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
    public void Lib_holds_both_libraries_and_their_docs_for_each_framework_and_nothing_else()
    {
        var expected = Frameworks.SelectMany(tfm => LibraryFiles.Select(f => $"lib/{tfm}/{f}")).Order(StringComparer.Ordinal);
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
    public void Nuspec_depends_only_on_protobuf_and_sqlite()
    {
        var metadata = NuspecMetadata();
        // Per framework exactly the two packages the log readers need (TensorBoard's protobuf, MLflow's SQLite
        // store): nothing of .NET Interactive or ASP.NET Core, and no shared frameworks such as Microsoft.AspNetCore.App.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")?.Value).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["Google.Protobuf", "Microsoft.Data.Sqlite"], dependencies);
        var other = metadata.Descendants().Where(e => e.Name.LocalName is "frameworkReference" or "frameworkAssembly" or "reference");
        Assert.Empty(other);
        var groups = metadata.Descendants().Where(e => e.Name.LocalName == "group").Select(g => g.Attribute("targetFramework")?.Value);
        Assert.All(groups, tfm => Assert.Contains(tfm, new[] { "net8.0", "net10.0" }));
    }

    [Fact]
    public void Extension_script_adds_no_using_to_the_users_session()
    {
        var lines = ReadEntry(ExtensionPath).Split('\n');
        var usings = lines.Where(l => UsingDirective().IsMatch(l));
        Assert.Empty(usings);
    }

    [Fact]
    public async Task Extension_script_compiles_against_the_packaged_libraries_greets_and_leaves_no_variables()
    {
        var folder = Directory.CreateTempSubdirectory("runlens-package-");
        try
        {
            ZipFile.ExtractToDirectory(PackagePath, folder.FullName);
            var code = CSharpCells(File.ReadAllText(Path.Combine(folder.FullName, ExtensionPath)));
            Assert.NotEmpty(code);

            // What the C# kernel gives every submission (NOTEBOOK-HOST.md 5): its six default imports and the
            // Enumerable, IEnumerable<>, Task<> assemblies (not its Interactive ones: extension.dib must not need
            // them), plus the package's lib/ DLLs, which #r "nuget: RunLens" adds before extension.dib runs.
            var lib = Path.Combine(folder.FullName, "lib", "net10.0");
            var options = ScriptOptions.Default
                .WithImports("System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq")
                .AddReferences(typeof(Enumerable).Assembly, typeof(IEnumerable<>).Assembly, typeof(Task<>).Assembly)
                .AddReferences(MetadataReference.CreateFromFile(Path.Combine(lib, "RunLens.dll")),
                               MetadataReference.CreateFromFile(Path.Combine(lib, "RunLens.Charts.dll")));

            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            ScriptState<object>? state = null;
            try
            {
                foreach (var cell in code)
                    state = state is null
                        ? await CSharpScript.RunAsync(cell, options)
                        : await state.ContinueWithAsync(cell, options);
            }
            finally
            {
                Console.SetOut(console);
            }

            Assert.Empty(state!.Variables);
            var greeting = output.ToString();
            Assert.Contains($"RunLens {Metadata("RunLensVersion")}", greeting, StringComparison.Ordinal);
            Assert.Contains("Runs.Load(", greeting, StringComparison.Ordinal);
            Assert.Contains("RewardCurves()", greeting, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The C# cells of a .dib: the lines after each <c>#!csharp</c> (or <c>#!c#</c>) up to the next <c>#!</c> line.</summary>
    private static List<string> CSharpCells(string dib)
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
