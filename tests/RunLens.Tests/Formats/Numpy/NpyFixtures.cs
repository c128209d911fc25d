using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace RunLens.Tests.Formats.Numpy;

/// <summary>
/// Writes .npy and .npz bytes by hand, the way numpy lays them out: the magic, the version, the header length,
/// the dict literal padded with spaces and a newline to a multiple of 64 bytes, then the raw elements; an .npz is a
/// zip whose local headers carry a zip64 extra field (numpy opens every member with force_zip64), stored or
/// deflated, then the central directory and the end record.
/// </summary>
internal static class NpyFixtures
{
    /// <summary>The bytes of one .npy array.</summary>
    public static byte[] Npy(string descr, int[] shape, byte[] data, bool fortran = false, int version = 1, string? shapeText = null)
    {
        var shapeLiteral = shapeText ?? (shape.Length == 1
            ? $"({shape[0]},)"
            : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")");
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shapeLiteral}, }}";
        var prefix = version == 1 ? 10 : 12;
        var total = prefix + dict.Length + 1;
        var padded = dict + new string(' ', (64 - (total % 64)) % 64) + "\n";
        var header = (version == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(padded);
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0 };
        if (version == 1)
            bytes.AddRange([(byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        else
            bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(header);
        bytes.AddRange(data);
        return [.. bytes];
    }

    /// <summary>A .npy array of the given dtype holding <paramref name="values"/> (C order unless the caller reorders).</summary>
    public static byte[] Array(string descr, int[] shape, double[] values, bool fortran = false) =>
        Npy(descr, shape, Encode(descr, values), fortran);

    /// <summary>Encodes values as the dtype's raw bytes (little- or big-endian as the descr says).</summary>
    public static byte[] Encode(string descr, double[] values)
    {
        var big = descr[0] == '>';
        var kind = descr[1];
        var size = int.Parse(descr[2..], CultureInfo.InvariantCulture);
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var b = bytes.AsSpan(i * size, size);
            var v = values[i];
            switch (kind, size)
            {
                case ('f', 8): BinaryPrimitives.WriteInt64LittleEndian(b, BitConverter.DoubleToInt64Bits(v)); break;
                case ('f', 4): BinaryPrimitives.WriteInt32LittleEndian(b, BitConverter.SingleToInt32Bits((float)v)); break;
                case ('f', 2): BinaryPrimitives.WriteInt16LittleEndian(b, BitConverter.HalfToInt16Bits((Half)v)); break;
                case ('i', 8): BinaryPrimitives.WriteInt64LittleEndian(b, (long)v); break;
                case ('i', 4): BinaryPrimitives.WriteInt32LittleEndian(b, (int)v); break;
                case ('i', 2): BinaryPrimitives.WriteInt16LittleEndian(b, (short)v); break;
                case ('i', 1): b[0] = unchecked((byte)(sbyte)v); break;
                case ('u', 8): BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)v); break;
                case ('u', 4): BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)v); break;
                case ('u', 2): BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)v); break;
                case ('u', 1) or ('b', 1): b[0] = (byte)v; break;
                default: throw new ArgumentException(descr);
            }
            // Little-endian first, then reversed: the big-endian bytes are the same bytes backwards.
            if (big)
                b.Reverse();
        }
        return bytes;
    }

    /// <summary>A zip of .npy members as numpy writes it; <paramref name="deflate"/> as np.savez_compressed.</summary>
    public static byte[] Npz(bool deflate, params (string Name, byte[] Npy)[] members)
    {
        var file = new MemoryStream();
        var central = new MemoryStream();
        foreach (var (name, npy) in members)
        {
            var stored = deflate ? Deflate(npy) : npy;
            var offset = (uint)file.Position;
            var nameBytes = Encoding.UTF8.GetBytes(name + ".npy");
            var crc = Crc32(npy);
            var zip64 = new byte[20];
            BinaryPrimitives.WriteUInt16LittleEndian(zip64, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(zip64.AsSpan(2), 16);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64.AsSpan(4), (ulong)npy.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(zip64.AsSpan(12), (ulong)stored.Length);
            Write(file, 0x04034b50u, (ushort)45, (ushort)0, (ushort)(deflate ? 8 : 0), (ushort)0, (ushort)0x21,
                crc, (uint)stored.Length, (uint)npy.Length, (ushort)nameBytes.Length, (ushort)zip64.Length);
            file.Write(nameBytes);
            file.Write(zip64);
            file.Write(stored);
            Write(central, 0x02014b50u, (ushort)45, (ushort)45, (ushort)0, (ushort)(deflate ? 8 : 0), (ushort)0, (ushort)0x21,
                crc, (uint)stored.Length, (uint)npy.Length, (ushort)nameBytes.Length, (ushort)0, (ushort)0, (ushort)0, (ushort)0,
                0u, offset);
            central.Write(nameBytes);
        }
        var directoryOffset = (uint)file.Position;
        central.Position = 0;
        central.CopyTo(file);
        Write(file, 0x06054b50u, (ushort)0, (ushort)0, (ushort)members.Length, (ushort)members.Length,
            (uint)central.Length, directoryOffset, (ushort)0);
        return file.ToArray();
    }

    /// <summary>The file offset where member <paramref name="index"/>'s .npy bytes start in an <see cref="Npz"/> zip.</summary>
    public static long MemberDataOffset(byte[] zip, int index)
    {
        long at = 0;
        for (var i = 0; ; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan((int)at + 26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan((int)at + 28));
            var data = at + 30 + nameLength + extraLength;
            if (i == index)
                return data;
            at = data + BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan((int)at + 18));
        }
    }

    /// <summary>Where the data starts inside a .npy written by <see cref="Npy"/> with version 1 (always a multiple of 64).</summary>
    public static int NpyDataStart(byte[] npy) => 10 + BinaryPrimitives.ReadUInt16LittleEndian(npy.AsSpan(8));

    private static byte[] Deflate(byte[] data)
    {
        var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(data);
        return output.ToArray();
    }

    /// <summary>CRC-32 (IEEE), bit by bit: slow and obviously right, unlike the table-driven reader's.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    private static void Write(Stream stream, params object[] fields)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case uint u: stream.Write(BitConverter.GetBytes(u)); break;
                case ushort s: stream.Write(BitConverter.GetBytes(s)); break;
                default: throw new ArgumentException(field.GetType().Name);
            }
        }
    }
}
