using System.Buffers.Binary;
using System.Text;
using RunLens.Tests.Writing;

namespace RunLens.Tests.Formats.TensorBoard;

/// <summary>
/// Hand-encodes protobuf fields (test side, independent of the reader and of Google.Protobuf), so fixtures can hold
/// anything a writer may produce. Field numbers as in TensorBoard's event.proto, summary.proto, tensor.proto, ...;
/// the W&amp;B transaction log fixture writes its records with it too.
/// </summary>
internal static class Pb
{
    public static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    public static byte[] Varint(int field, long value) => [.. Key(field, 0), .. RawVarint((ulong)value)];

    public static byte[] Double(int field, double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return [.. Key(field, 1), .. bytes];
    }

    public static byte[] Float(int field, float value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        return [.. Key(field, 5), .. bytes];
    }

    public static byte[] Bytes(int field, byte[] data) => [.. Key(field, 2), .. RawVarint((ulong)data.Length), .. data];

    public static byte[] String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    public static byte[] PackedFloats(int field, params float[] values) =>
        Bytes(field, [.. values.SelectMany(v => BitConverter.GetBytes(v))]);

    public static byte[] PackedDoubles(int field, params double[] values) =>
        Bytes(field, [.. values.SelectMany(v => BitConverter.GetBytes(v))]);

    public static byte[] PackedVarints(int field, params long[] values) =>
        Bytes(field, [.. values.SelectMany(v => RawVarint((ulong)v))]);

    public static byte[] RawVarint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static byte[] Key(int field, int wire) => RawVarint((ulong)((field << 3) | wire));
}

/// <summary>Builds a TensorBoard event file record by record and frames it (TFRecord with masked CRC-32C).</summary>
internal sealed class EventFileBuilder
{
    private readonly List<byte[]> _events = [];

    /// <summary>The byte offset of each record's frame, once <see cref="Build"/> ran.</summary>
    public List<long> Offsets { get; } = [];

    public EventFileBuilder FileVersion(string version = "brain.Event:2", double wallTime = 1000) =>
        Add(Pb.Message(Pb.Double(1, wallTime), Pb.String(3, version)));

    public EventFileBuilder SessionStart(long step, double wallTime = 1000) =>
        Add(Pb.Message(Pb.Double(1, wallTime), Pb.Varint(2, step), Pb.Bytes(7, Pb.Varint(1, 1))));

    public EventFileBuilder Scalar(long step, string tag, float value, double wallTime = 1000) =>
        Summary(step, wallTime, SimpleValue(tag, value));

    public EventFileBuilder Summary(long step, double wallTime, params byte[][] values) =>
        Add(Pb.Message(Pb.Double(1, wallTime), Pb.Varint(2, step), Pb.Bytes(5, Pb.Message([.. values.Select(v => Pb.Bytes(1, v))]))));

    public EventFileBuilder Add(byte[] eventBytes)
    {
        _events.Add(eventBytes);
        return this;
    }

    public static byte[] SimpleValue(string tag, float value) => Pb.Message(Pb.String(1, tag), Pb.Float(2, value));

    /// <summary>A Summary.Value with a tensor (field 8) and optionally metadata naming a plugin (field 9).</summary>
    public static byte[] TensorValue(string tag, byte[] tensor, string? plugin = null, byte[]? content = null) =>
        Pb.Message(Pb.String(1, tag), Pb.Bytes(8, tensor),
            plugin is null ? [] : Pb.Bytes(9, Pb.Bytes(1, Pb.Message(Pb.String(1, plugin), content is null ? [] : Pb.Bytes(2, content)))));

    /// <summary>A TensorProto: dtype (1), shape (2: dims of field 2 with size 1), then the value fields.</summary>
    public static byte[] Tensor(int dtype, long[] shape, params byte[][] values) =>
        Pb.Message([Pb.Varint(1, dtype), Pb.Bytes(2, Pb.Message([.. shape.Select(d => Pb.Bytes(2, Pb.Varint(1, d)))])), .. values]);

    public byte[] Build()
    {
        Offsets.Clear();
        var file = new List<byte>();
        foreach (var data in _events)
        {
            Offsets.Add(file.Count);
            var header = new byte[12];
            BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Masked(header.AsSpan(0, 8)));
            file.AddRange(header);
            file.AddRange(data);
            var footer = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(footer, Masked(data));
            file.AddRange(footer);
        }
        return [.. file];
    }

    public string Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Build());
        return path;
    }

    private static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = TfRecordTestReader.Crc32CBitwise(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }
}
