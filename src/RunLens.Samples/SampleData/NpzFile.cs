using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RunLens.Samples;

/// <summary>
/// Writes a numpy <c>.npz</c> (a zip of <c>.npy</c> members, as <c>np.savez</c> does) with C-order arrays of a few
/// dtypes. Deterministic: entries carry a fixed timestamp, so the same arrays always give the same bytes.
/// </summary>
internal sealed class NpzFile
{
    private static readonly DateTimeOffset FixedTime = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<(string Name, byte[] Npy)> _members = [];

    public NpzFile Float32(string name, int[] shape, IReadOnlyList<double> values) =>
        Add(name, "<f4", shape, values.Count, 4, (span, i) => BinaryPrimitives.WriteSingleLittleEndian(span, (float)values[i]));

    public NpzFile Float64(string name, int[] shape, IReadOnlyList<double> values) =>
        Add(name, "<f8", shape, values.Count, 8, (span, i) => BinaryPrimitives.WriteDoubleLittleEndian(span, values[i]));

    public NpzFile Int64(string name, int[] shape, IReadOnlyList<long> values) =>
        Add(name, "<i8", shape, values.Count, 8, (span, i) => BinaryPrimitives.WriteInt64LittleEndian(span, values[i]));

    public NpzFile Bool(string name, IReadOnlyList<bool> values) =>
        Add(name, "|b1", [values.Count], values.Count, 1, (span, i) => span[0] = values[i] ? (byte)1 : (byte)0);

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (name, npy) in _members)
        {
            var entry = zip.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
            entry.LastWriteTime = FixedTime;
            using var stream = entry.Open();
            stream.Write(npy);
        }
    }

    private NpzFile Add(string name, string descr, int[] shape, int count, int size, SpanAction write)
    {
        if (shape.Aggregate(1L, (a, d) => a * d) != count)
            throw new ArgumentException($"'{name}' has {count} values but shape ({string.Join(", ", shape)}).", nameof(shape));
        var data = new byte[count * size];
        for (var i = 0; i < count; i++)
            write(data.AsSpan(i * size, size), i);
        _members.Add((name, Npy(descr, shape, data)));
        return this;
    }

    private delegate void SpanAction(Span<byte> destination, int index);

    // The .npy v1.0 layout: magic, version, header length, then the header (a Python dict literal, as the format
    // defines it) padded with spaces to a multiple of 64 bytes and ended by a newline, then the raw data.
    private static byte[] Npy(string descr, int[] shape, byte[] data)
    {
        var dims = shape.Length == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        var dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        var unpadded = 10 + dict.Length + 1;
        var header = Encoding.Latin1.GetBytes(dict + new string(' ', (64 - unpadded % 64) % 64) + "\n");
        var bytes = new byte[10 + header.Length + data.Length];
        bytes[0] = 0x93;
        "NUMPY"u8.CopyTo(bytes.AsSpan(1));
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        data.CopyTo(bytes, 10 + header.Length);
        return bytes;
    }
}
