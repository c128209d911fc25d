using System.Buffers.Binary;
using System.Text;

namespace RunLens.Tests.Writing;

/// <summary>A test-side TFRecord and tensorflow.Event decoder, independent of the writer's encoder.</summary>
internal static class TfRecordTestReader
{
    public sealed record Field(int Number, int WireType, ulong Varint, byte[] Bytes);

    public sealed record Event(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Values);

    /// <summary>Every record's data, after checking both masked CRCs; a truncated tail throws.</summary>
    public static List<byte[]> Records(byte[] file)
    {
        var records = new List<byte[]>();
        var at = 0;
        while (at < file.Length)
        {
            var header = file.AsSpan(at, 12);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(Masked(header[..8]), BinaryPrimitives.ReadUInt32LittleEndian(header[8..]));
            var data = file.AsSpan(at + 12, length).ToArray();
            Assert.Equal(Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + length, 4)));
            records.Add(data);
            at += 12 + length + 4;
        }

        return records;
    }

    public static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var number = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0: fields.Add(new(number, wire, Varint(message, ref at), [])); break;
                case 1: fields.Add(new(number, wire, 0, message[at..(at + 8)])); at += 8; break;
                case 5: fields.Add(new(number, wire, 0, message[at..(at + 4)])); at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add(new(number, wire, 0, message[at..(at + length)]));
                    at += length;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }

        return fields;
    }

    /// <summary>The fields of an Event this writer cares about; other fields are ignored.</summary>
    public static Event DecodeEvent(byte[] data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<(string, float)>();
        foreach (var field in Fields(data))
        {
            switch (field.Number)
            {
                case 1: wallTime = BinaryPrimitives.ReadDoubleLittleEndian(field.Bytes); break;
                case 2: step = (long)field.Varint; break;
                case 3: fileVersion = Encoding.UTF8.GetString(field.Bytes); break;
                case 5:
                    foreach (var value in Fields(field.Bytes).Where(f => f.Number == 1))
                    {
                        var parts = Fields(value.Bytes);
                        var simple = parts.SingleOrDefault(p => p.Number == 2);
                        if (simple is not null)
                            values.Add((Encoding.UTF8.GetString(parts.Single(p => p.Number == 1).Bytes), BinaryPrimitives.ReadSingleLittleEndian(simple.Bytes)));
                    }

                    break;
            }
        }

        return new Event(wallTime, step, fileVersion, values);
    }

    // Bit-by-bit CRC-32C, deliberately not the table-driven code under test.
    public static uint Crc32CBitwise(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }

        return ~crc;
    }

    private static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Crc32CBitwise(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
