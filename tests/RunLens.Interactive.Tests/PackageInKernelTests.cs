using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Interactive.Tests;

/// <summary>
/// The packed RunLens package in the real kernel, as a user meets it: a notebook that says <c>#i</c> (a local
/// folder) and <c>#r "nuget: RunLens"</c>, run by dotnet-repl. The extension loads from the package's extension.dib:
/// greeting, default using, figures as MIME bundles, Markdown.
/// </summary>
public class PackageInKernelTests(ITestOutputHelper output)
{
    private const string Plotly = "application/vnd.plotly.v1+json";

    [Fact]
    public void The_packed_package_loads_its_extension_in_the_real_kernel()
    {
        using var temp = new TempDir();
        var (source, version) = ContentVersioned(PackageTests.PackagePath, temp.File("packages"));
        var notebook = temp.File("package.ipynb");
        var cartpole = Path.Combine(TestPaths.SampleRuns, "cartpole-ppo");
        File.WriteAllText(notebook, Notebook(
            $"#i \"nuget: {source}\"\n#r \"nuget: RunLens, {version}\"",
            $"var runs = Runs.Load(@\"{cartpole}\");\nruns",
            "runs[0].RewardCurves()",
            "runs.FinalScores(\"metrics.episode_return_mean\", groupBy: \"learning_rate\").Compare().ToMarkdown()"));

        var run = DotnetRepl.Run(notebook, temp.File("package.out.ipynb"), temp.Path);
        output.WriteLine($"dotnet-repl: exit {run.Exit} in {run.Elapsed.TotalSeconds:0.0} s");

        Assert.True(run.Exit == 0, $"dotnet-repl exited {run.Exit}: {string.Join("\n", run.Errors)}\n{run.Output}");
        Assert.Empty(run.Errors);
        var cells = run.CodeCells;
        var greeting = ReplRun.Outputs(cells[0]).Where(o => o.TryGetProperty("data", out _))
            .SelectMany(o => o.GetProperty("data").EnumerateObject()).Where(p => p.Name == "text/markdown").Select(p => ReplRun.Text(p.Value));
        // The assemblies say 0.1.0 whatever the package version the test gave them.
        Assert.Contains(greeting, g => g.StartsWith("**RunLens 0.1.0** is loaded", StringComparison.Ordinal));
        // A cell's value is its last output: a slow machine may show a progress line first.
        Assert.Contains("text/html", LastMimeTypes(cells[1]));
        Assert.Equal([Plotly, "text/html", "text/plain"], LastMimeTypes(cells[2]));
        Assert.Equal(["text/markdown", "text/plain"], LastMimeTypes(cells[3]));
        // No output carries plotly.js: the executed notebook stays small.
        Assert.True(new FileInfo(temp.File("package.out.ipynb")).Length < 1_000_000, "The executed notebook carries more than 1 MB.");
    }

    private static IEnumerable<string> LastMimeTypes(System.Text.Json.JsonElement cell) =>
        ReplRun.Outputs(cell).Last(o => o.TryGetProperty("data", out _)).GetProperty("data").EnumerateObject().Select(p => p.Name);

    /// <summary>
    /// The package under a version made from its content (0.1.0-t&lt;hash&gt;): NuGet caches a package by id and version
    /// for good, so a fixed version would run yesterday's build. Older test versions are removed from the cache.
    /// </summary>
    internal static (string Folder, string Version) ContentVersioned(string package, string folder)
    {
        Directory.CreateDirectory(folder);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var zip = ZipFile.OpenRead(package))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) || e.FullName.StartsWith("interactive-extensions/", StringComparison.Ordinal))
                         .OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                using var stream = entry.Open();
                hash.AppendData(Encoding.UTF8.GetBytes(entry.FullName));
                var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                hash.AppendData(buffer.ToArray());
            }
        }
        var version = "0.1.0-t" + Convert.ToHexString(hash.GetHashAndReset(), 0, 4).ToLowerInvariant();
        var target = Path.Combine(folder, $"RunLens.{version}.nupkg");
        File.Copy(package, target, overwrite: true);
        using (var zip = ZipFile.Open(target, ZipArchiveMode.Update))
        {
            var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
            XDocument document;
            using (var stream = nuspec.Open())
                document = XDocument.Load(stream);
            document.Descendants().Single(e => e.Name.LocalName == "version").Value = version;
            var name = nuspec.FullName;
            nuspec.Delete();
            using var writer = zip.CreateEntry(name).Open();
            document.Save(writer);
        }
        var cache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "runlens");
        if (Directory.Exists(cache))
            foreach (var old in Directory.GetDirectories(cache, "0.1.0-t*").Where(d => Path.GetFileName(d) != version))
                Directory.Delete(old, recursive: true);
        return (folder, version);
    }

    /// <summary>A Polyglot .ipynb of C# cells, written with System.Text.Json nodes.</summary>
    internal static string Notebook(params string[] cells)
    {
        var list = new JsonArray();
        foreach (var cell in cells)
            list.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = cell,
            });
        return new JsonObject
        {
            ["cells"] = list,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }
}
