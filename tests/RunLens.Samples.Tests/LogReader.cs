using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RunLens.Samples.Tests;

/// <summary>
/// An independent, slow reader of what the generator wrote (System.Text.Json over whole files), so the tests check
/// the manifest against the bytes rather than against the generator's own bookkeeping.
/// </summary>
internal static class LogReader
{
    private static readonly Dictionary<string, string> FlatNames = new(StringComparer.Ordinal)
    {
        ["env_id"] = "env", ["x"] = "position.x", ["y"] = "position.y", ["map"] = "position.map", ["total"] = "rewards.total",
        ["event"] = "rewards.event", ["level"] = "rewards.level", ["heal"] = "rewards.heal", ["badge"] = "rewards.badge",
        ["explore"] = "rewards.explore", ["dead"] = "rewards.dead", ["stuck"] = "rewards.stuck",
    };

    public static string ReadText(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> DataFiles(string experiments) =>
        Directory.EnumerateFiles(experiments, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "config.json")
            .Order(StringComparer.Ordinal);

    /// <summary>Every record of a clean data file, as canonical name to value.</summary>
    public static IEnumerable<Dictionary<string, double>> Records(string path)
    {
        var text = ReadText(path);
        if (path.Contains(".jsonl", StringComparison.Ordinal))
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var doc = JsonDocument.Parse(line);
                yield return Flatten(doc.RootElement, flat: false);
            }
            yield break;
        }
        using var array = JsonDocument.Parse(text);
        foreach (var element in array.RootElement.EnumerateArray())
            yield return Flatten(element, flat: element.TryGetProperty("env_id", out _));
    }

    public static Dictionary<string, double> Flatten(JsonElement record, bool flat)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        void Walk(JsonElement e, string prefix)
        {
            foreach (var p in e.EnumerateObject())
            {
                var name = prefix + p.Name;
                if (p.Value.ValueKind == JsonValueKind.Object)
                    Walk(p.Value, name + ".");
                else
                    values[flat && FlatNames.TryGetValue(name, out var canonical) ? canonical : name] = p.Value.GetDouble();
            }
        }
        Walk(record, "");
        return values;
    }

    /// <summary>A hash of every file's relative path and bytes under a folder.</summary>
    public static string TreeHash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, entry).Replace('\\', '/') + "\n"));
            if (File.Exists(entry))
                sha.AppendData(File.ReadAllBytes(entry));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
