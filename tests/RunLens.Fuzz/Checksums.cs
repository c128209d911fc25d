using System.Buffers.Binary;

namespace RunLens.Fuzz;

/// <summary>
/// Rewrites the checksums of an input so AFL's mutations reach the decoders behind them: a mutated TFRecord or W&amp;B
/// chunk almost never passes its CRC, so without this the protobuf decoding past the framing is barely explored.
/// Only the framing's checksums are fixed; lengths, types and data stay as mutated.
/// </summary>
internal static class Checksums
{
    /// <summary>TFRecord: each frame is length (8), masked CRC-32C of the length (4), data, masked CRC-32C of the data (4).</summary>
    public static byte[] TfRecord(byte[] input)
    {
        var bytes = (byte[])input.Clone();
        for (var at = 0; at + 12 <= bytes.Length;)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 8), Crc32C.ComputeMasked(bytes.AsSpan(at, 8)));
            var length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
            if (bytes.Length - at < 16 || length > (ulong)(bytes.Length - at - 16))
                break;
            var data = bytes.AsSpan(at + 12, (int)length);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 12 + (int)length), Crc32C.ComputeMasked(data));
            at += 16 + (int)length;
        }
        return bytes;
    }

    /// <summary>W&amp;B (LevelDB's log): a 7-byte file header, then in 32 KiB blocks chunks of CRC-32 of type and data (4), length (2), type (1), data.</summary>
    public static byte[] Wandb(byte[] input)
    {
        const int Block = 32768, Header = 7;
        var bytes = (byte[])input.Clone();
        for (var at = Header; at + Header <= bytes.Length;)
        {
            var left = Block - (at % Block);
            if (left < Header)
            {
                at += left;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 4));
            if (length > left - Header || at + Header + length > bytes.Length)
                break;
            var crc = Crc32Ieee.OfChunk(bytes[at + 6], bytes.AsSpan(at + Header, length));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), crc);
            at += Header + length;
        }
        return bytes;
    }
}
