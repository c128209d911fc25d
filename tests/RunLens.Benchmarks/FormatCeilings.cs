using System.Buffers;
using System.Buffers.Text;
using nietras.SeparatedValues;
using RunLens.Formats.TensorBoard;

namespace RunLens.Benchmarks;

/// <summary>
/// The least work a reader of each format must do per byte, measured beside the scan so a figure reads as a fraction
/// of what this machine can do right now: TensorBoard, the TFRecord framing with both CRC-32C checks
/// (<see cref="TfRecordFrames"/>); CSV, Sep splitting the rows and cells and parsing every cell as a double; MLflow,
/// a byte pass that splits each metric line into timestamp, value and step and parses them with
/// <see cref="Utf8Parser"/>. None of them keeps a value, names a field or reports a problem.
/// </summary>
internal static class FormatCeilings
{
    public static IEnumerable<FileInfo> Files(string format, string dir)
    {
        var all = new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories);
        return format switch
        {
            "tensorboard" => all.Where(f => TensorBoardFormat.IsEventFile(f.Name)),
            "sb3-progress-csv" => all.Where(f => f.Name.EndsWith(".csv", StringComparison.Ordinal)),
            "mlflow" => all.Where(f => f.FullName.Contains($"{Path.DirectorySeparatorChar}metrics{Path.DirectorySeparatorChar}", StringComparison.Ordinal)),
            _ => throw new ArgumentException($"No ceiling for the format '{format}'."),
        };
    }

    /// <summary>One file's pass: the records it found and the bytes it read.</summary>
    public static (long Records, long Bytes) Pass(string format, string path) => format switch
    {
        "tensorboard" => Frames(path),
        "sb3-progress-csv" => SepDoubles(path),
        _ => MlflowLines(path),
    };

    private static (long, long) Frames(string path)
    {
        using var frames = new TfRecordFrames(path, issues: null);
        long records = 0;
        while (frames.Next(out _, out _, out _))
            records++;
        return (records, frames.DiskPosition);
    }

    private static (long, long) SepDoubles(string path)
    {
        using var reader = Sep.Reader().FromFile(path);
        long records = 0;
        var sum = 0.0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
                sum += row[i].TryParse<double>() ?? 0;
            records++;
        }
        GC.KeepAlive(sum);
        return (records, new FileInfo(path).Length);
    }

    private static (long, long) MlflowLines(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long records = 0, bytes = 0;
        var sum = 0.0;
        int kept = 0, read;
        while ((read = file.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            bytes += read;
            var span = buffer.AsSpan(0, kept + read);
            int newline;
            while ((newline = span.IndexOf((byte)'\n')) >= 0)
            {
                var line = span[..newline];
                if (Utf8Parser.TryParse(line, out long time, out var a) && Utf8Parser.TryParse(line[(a + 1)..], out double value, out var b)
                    && Utf8Parser.TryParse(line[(a + b + 2)..], out long step, out _))
                {
                    sum += value + time + step;
                    records++;
                }
                span = span[(newline + 1)..];
            }
            span.CopyTo(buffer);
            kept = span.Length;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        GC.KeepAlive(sum);
        return (records, bytes);
    }
}
