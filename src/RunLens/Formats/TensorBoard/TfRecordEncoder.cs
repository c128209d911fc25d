using System.Buffers.Binary;
using System.Text;

namespace RunLens;

/// <summary>
/// Builds TFRecord-framed <c>tensorflow.Event</c> messages by hand, field numbers from TensorBoard's
/// <c>tensorboard/compat/proto/event.proto</c> (Event: wall_time 1 double, step 2 int64, file_version 3 string,
/// summary 5) and <c>summary.proto</c> (Summary: value 1; Summary.Value: tag 1 string, simple_value 2 float).
/// Framing: uint64 length (little-endian), masked CRC-32C of those 8 bytes, the data, masked CRC-32C of the data.
/// Serialization follows proto3: wall_time and step are left out when zero; simple_value is in a oneof and so is
/// always written.
/// </summary>
internal sealed class TfRecordEncoder
{
    private const int HeaderLength = 12;
    private const int FooterLength = 4;

    private byte[] _buffer = new byte[256];
    private int _position;

    /// <summary>The record of the event that opens every event file: <c>{wall_time, file_version}</c>.</summary>
    public ReadOnlySpan<byte> FileVersionRecord(double wallTime, string fileVersion)
    {
        Begin();
        WriteWallTimeAndStep(wallTime, 0);
        WriteLengthDelimitedHeader(3, Encoding.UTF8.GetByteCount(fileVersion));
        WriteUtf8(fileVersion);
        return End();
    }

    /// <summary>The record of one scalar event: <c>{wall_time, step, summary {value {tag, simple_value}}}</c>.</summary>
    public ReadOnlySpan<byte> ScalarRecord(double wallTime, long step, string tag, float value)
    {
        var tagLength = Encoding.UTF8.GetByteCount(tag);
        var valueLength = 1 + VarintSize((ulong)tagLength) + tagLength + 1 + 4;
        var summaryLength = 1 + VarintSize((ulong)valueLength) + valueLength;

        Begin();
        WriteWallTimeAndStep(wallTime, step);
        WriteLengthDelimitedHeader(5, summaryLength);       // Event.summary
        WriteLengthDelimitedHeader(1, valueLength);         // Summary.value
        WriteLengthDelimitedHeader(1, tagLength);           // Summary.Value.tag
        WriteUtf8(tag);
        WriteByte(Key(2, WireType.Fixed32));                // Summary.Value.simple_value
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
        return End();
    }

    private void WriteWallTimeAndStep(double wallTime, long step)
    {
        if (BitConverter.DoubleToInt64Bits(wallTime) != 0)
        {
            WriteByte(Key(1, WireType.Fixed64));
            Ensure(8);
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_position), wallTime);
            _position += 8;
        }

        if (step != 0)
        {
            WriteByte(Key(2, WireType.Varint));
            WriteVarint((ulong)step);
        }
    }

    private void Begin() => _position = HeaderLength;

    private ReadOnlySpan<byte> End()
    {
        var dataLength = _position - HeaderLength;
        Ensure(FooterLength);
        var span = _buffer.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)dataLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32C.ComputeMasked(span[..8]));
        BinaryPrimitives.WriteUInt32LittleEndian(span[_position..], Crc32C.ComputeMasked(span.Slice(HeaderLength, dataLength)));
        return span[..(_position + FooterLength)];
    }

    private void WriteLengthDelimitedHeader(int field, int length)
    {
        WriteByte(Key(field, WireType.LengthDelimited));
        WriteVarint((ulong)length);
    }

    private void WriteUtf8(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _position += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_position));
    }

    private void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_position++] = (byte)value;
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    private void Ensure(int more)
    {
        if (_position + more > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + more));
    }

    private static byte Key(int field, WireType type) => (byte)((field << 3) | (int)type);

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }
}
