using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RunLens.Notebooks.Tests.Runner;

/// <summary>
/// A tiny NuGet package made by hand in a test: C# compiled with Roslyn (deterministic, so the same sources give the
/// same bytes), zipped with a nuspec into <c>&lt;id&gt;.&lt;version&gt;.nupkg</c> in a local folder feed. Its version is
/// <c>1.0.0-t&lt;first 8 hex of the SHA-256 of its files&gt;</c>: NuGet caches a restored version in ~/.nuget/packages
/// for good, so a package whose content changes must change version.
/// </summary>
internal sealed class TestPackage
{
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public TestPackage(string id) => Id = id;

    public string Id { get; }

    /// <summary>Compiles <paramref name="source"/> into <paramref name="packagePath"/> (for example <c>lib/net10.0/X.dll</c>).</summary>
    public TestPackage WithAssembly(string packagePath, string source)
    {
        var name = Path.GetFileNameWithoutExtension(packagePath);
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true, nullableContextOptions: NullableContextOptions.Enable));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        _files[packagePath] = dll.ToArray();
        return this;
    }

    public TestPackage WithFile(string packagePath, string text)
    {
        _files[packagePath] = Encoding.UTF8.GetBytes(text);
        return this;
    }

    /// <summary>The version, from the content.</summary>
    public string Version
    {
        get
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, bytes) in _files)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(path));
                hash.AppendData(bytes);
            }
            return "1.0.0-t" + Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
        }
    }

    /// <summary>Writes the .nupkg into <paramref name="feed"/> and returns its version.</summary>
    public string WriteTo(string feed)
    {
        var version = Version;
        Directory.CreateDirectory(feed);
        using var zip = ZipFile.Open(Path.Combine(feed, $"{Id}.{version}.nupkg"), ZipArchiveMode.Create);
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        var nuspec = new XDocument(new XElement(ns + "package", new XElement(ns + "metadata",
            new XElement(ns + "id", Id), new XElement(ns + "version", version), new XElement(ns + "authors", "RunLens tests"),
            new XElement(ns + "description", "A package made by a RunLens test."))));
        using (var entry = zip.CreateEntry($"{Id}.nuspec").Open())
            nuspec.Save(entry);
        foreach (var (path, bytes) in _files)
        {
            using var entry = zip.CreateEntry(path).Open();
            entry.Write(bytes);
        }
        return version;
    }

    // Everything the test host runs on (the runtime and the kernel's assemblies), so sources can use either.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToArray());
}
