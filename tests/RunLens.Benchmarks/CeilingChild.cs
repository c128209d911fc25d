using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace RunLens.Benchmarks;

/// <summary>
/// The ceiling a JSON scan is measured against: the same files, read the same way (one pooled 1 MB buffer per file,
/// gzip where the name says so, the same number of threads, largest files first) and only tokenised by
/// <see cref="Utf8JsonReader"/>: no numbers parsed, no fields named, nothing kept. A child process like the scan's,
/// so both figures are whole-process and carry the same start-up.
/// </summary>
internal static class CeilingChild
{
    public const string Flag = "--ceiling-only";

    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, AllowTrailingCommas = true };

    public static int Run(Arguments args)
    {
        var dir = args.Required(Flag);
        var threads = args.Int("--threads", 0);
        var clock = Stopwatch.StartNew();
        var files = DataFiles(dir).OrderByDescending(f => f.Length).ThenBy(f => f.FullName, StringComparer.Ordinal).ToArray();
        long tokens = 0, bytes = 0, failed = 0;
        var next = -1;
        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(threads > 0 ? threads : Environment.ProcessorCount, files.Length)))
            .Select(_ => new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < files.Length)
                {
                    var (t, b, ok) = Tokenize(files[i].FullName);
                    Interlocked.Add(ref tokens, t);
                    Interlocked.Add(ref bytes, b);
                    if (!ok)
                        Interlocked.Increment(ref failed);
                }
            })).ToArray();
        foreach (var w in workers)
            w.Start();
        foreach (var w in workers)
            w.Join();
        clock.Stop();
        using var output = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("tokens", tokens);
        json.WriteNumber("bytes", bytes);
        json.WriteNumber("files", files.Length);
        json.WriteNumber("failed_files", failed);
        json.WriteNumber("seconds", clock.Elapsed.TotalSeconds);
        json.WriteNumber("peak_rss_bytes", PeakMemory.Bytes());
        WholeProcess.Write(json);
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
        return 0;
    }

    /// <summary>The JSON log files a scan of <paramref name="dir"/> reads (config and manifest files are tiny and left out).</summary>
    internal static IEnumerable<FileInfo> DataFiles(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Name is not ("config.json" or "manifest.json")
                && (f.Name.EndsWith(".json", StringComparison.Ordinal) || f.Name.EndsWith(".jsonl", StringComparison.Ordinal)
                    || f.Name.EndsWith(".json.gz", StringComparison.Ordinal) || f.Name.EndsWith(".jsonl.gz", StringComparison.Ordinal)));

    /// <summary>Tokens in the file and bytes read from disk; false when the file is not valid JSON throughout.</summary>
    private static (long Tokens, long Bytes, bool Ok) Tokenize(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(new BufferedStream(file, 1 << 16), CompressionMode.Decompress) : (Stream)file;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var state = new JsonReaderState(Options);
        long tokens = 0;
        var kept = 0;
        try
        {
            while (true)
            {
                var read = stream.Read(buffer, kept, buffer.Length - kept);
                var final = read == 0;
                var length = kept + read;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (reader.Read())
                    tokens++;
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                if (!final && consumed == 0 && length == buffer.Length)
                    return (tokens, file.Position, false); // one token longer than the buffer: not a log this measures
                kept = length - consumed;
                buffer.AsSpan(consumed, kept).CopyTo(buffer);
                if (final)
                    return (tokens, file.Position, true);
            }
        }
        catch (JsonException)
        {
            return (tokens, file.Length, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
