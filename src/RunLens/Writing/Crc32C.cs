using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RunLens;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), plus the masking TFRecord files store (TensorFlow's
/// <c>crc32c::Mask</c>). The CPU's own CRC-32C instruction where there is one (SSE 4.2's <c>crc32</c>, ARMv8's
/// <c>crc32c</c>: 8 bytes per instruction, several GB/s, so checking every TensorBoard record costs next to nothing),
/// else table-driven slice-by-8 (<see cref="ComputeSoftware"/>). Written here because <c>System.IO.Hashing</c> is a
/// package, not part of the BCL, and has no CRC-32C.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private const uint MaskDelta = 0xA282EAD8;

    // Tables[k][b] is the CRC of byte b followed by k zero bytes, so eight bytes fold in with eight lookups.
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
            return ~UpdateSse42X64(0xFFFFFFFF, data);
        if (Crc32.Arm64.IsSupported)
            return ~UpdateArm64(0xFFFFFFFF, data);
        return ~Update(0xFFFFFFFF, data);
    }

    /// <summary>The CRC-32C of <paramref name="data"/> by table, whatever the CPU (tests hold both ways equal).</summary>
    public static uint ComputeSoftware(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);

    /// <summary>TFRecord's masked CRC: rotate right by 15 bits and add a constant, so CRCs of CRCs stay useful.</summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>The masked CRC-32C of <paramref name="data"/>, as a TFRecord stores it.</summary>
    public static uint ComputeMasked(ReadOnlySpan<byte> data) => Mask(Compute(data));

    private static uint UpdateSse42X64(uint crc, ReadOnlySpan<byte> data)
    {
        ulong wide = crc;
        while (data.Length >= 8)
        {
            wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        crc = (uint)wide;
        foreach (var b in data)
            crc = Sse42.Crc32(crc, b);
        return crc;
    }

    private static uint UpdateArm64(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = Crc32.Arm64.ComputeCrc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
            crc = Crc32.ComputeCrc32C(crc, b);
        return crc;
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        while (data.Length >= 8)
        {
            var low = BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24]
                ^ t[3][high & 0xFF] ^ t[2][(high >> 8) & 0xFF] ^ t[1][(high >> 16) & 0xFF] ^ t[0][high >> 24];
            data = data[8..];
        }

        foreach (var b in data)
            crc = t[0][(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (var k = 0; k < 8; k++)
            tables[k] = new uint[256];
        for (uint b = 0; b < 256; b++)
        {
            var crc = b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
            tables[0][b] = crc;
        }

        for (var k = 1; k < 8; k++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = tables[k - 1][b];
                tables[k][b] = (previous >> 8) ^ tables[0][previous & 0xFF];
            }
        }

        return tables;
    }
}
