using System.Globalization;
using System.IO.Compression;
using System.Text;
using RunLens.TestSupport;

namespace RunLens.Tests.Scanning;

/// <summary>Tiny logs written by hand (strings here are test inputs, not product JSON).</summary>
internal static class ScanFixtures
{
    public static string Flat(long step, int env, int x, int y, int map, double total, double explore) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"step\":{step},\"env_id\":{env},\"x\":{x},\"y\":{y},\"map\":{map},\"total\":{total:R},\"event\":0,\"explore\":{explore:R}}}");

    public static string Nested(long step, int env, int x, int y, int map, double total, double explore) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"step\":{step},\"env\":{env},\"position\":{{\"x\":{x},\"y\":{y},\"map\":{map}}},\"rewards\":{{\"total\":{total:R},\"event\":0,\"explore\":{explore:R}}},\"info\":{{\"action\":2,\"name\":\"a\"}}}}");

    /// <summary>A JSON array of records, one per line (as Python's json.dump with a newline separator writes).</summary>
    public static string Array(IEnumerable<string> records) => "[\n" + string.Join(",\n", records) + "\n]\n";

    public static string Lines(IEnumerable<string> records) => string.Join("\n", records) + "\n";

    /// <summary>Records of a little run: steps 0..n-1 for one env, positions on a 5x4 grid over 2 maps.</summary>
    public static IEnumerable<(long Step, int Env, int X, int Y, int Map, double Total, double Explore)> Steps(int n, int env = 0) =>
        Enumerable.Range(0, n).Select(i => ((long)i, env, i % 5, i / 5 % 4, 40 + i / 20 % 2, i * 0.25 - 1, i % 3 == 0 ? 0.5 : 0.0));

    public static string FlatRun(int n, int env = 0) => Array(Steps(n, env).Select(s => Flat(s.Step, s.Env, s.X, s.Y, s.Map, s.Total, s.Explore)));

    public static string NestedRun(int n, int env = 0) => Array(Steps(n, env).Select(s => Nested(s.Step, s.Env, s.X, s.Y, s.Map, s.Total, s.Explore)));

    public static void WriteGzip(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using var gz = new GZipStream(file, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }

    public static ScanResult Scan(TempDir dir, ScanOptions? options = null) => Runs.Load(dir.Path).Scan(options ?? new ScanOptions { Threads = 2 });
}
