namespace RunLens.Loading.Wandb;

/// <summary>
/// CRC-32 with the IEEE polynomial (zlib's <c>crc32</c>, Go's <c>crc32.ChecksumIEEE</c>): the checksum of W&amp;B's
/// transaction log chunks, not LevelDB's masked CRC-32C.
/// </summary>
internal static class Crc32Ieee
{
    private static readonly uint[] Table = Build();

    /// <summary>The checksum of a chunk: over its type byte, then its data (datastore.py: <c>zlib.crc32(data, crc32(type))</c>).</summary>
    public static uint OfChunk(byte type, ReadOnlySpan<byte> data) =>
        ~Update(Update(0xFFFFFFFFu, [type]), data);

    /// <summary>The checksum of some bytes.</summary>
    public static uint Of(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] Build()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
