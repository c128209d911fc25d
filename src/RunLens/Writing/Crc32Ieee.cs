namespace RunLens;

/// <summary>
/// CRC-32 with the IEEE polynomial (zlib's <c>crc32</c>, Go's <c>crc32.ChecksumIEEE</c>): the zip member checksum of
/// <c>.npz</c> files and the checksum of W&amp;B's transaction log chunks (not LevelDB's masked CRC-32C, which is
/// <see cref="Crc32C"/>). Written here for the same reason as <see cref="Crc32C"/>: no package dependencies.
/// </summary>
internal static class Crc32Ieee
{
    private static readonly uint[] Table = Build();

    /// <summary>The checksum of some bytes.</summary>
    public static uint Of(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// The checksum of the bytes <paramref name="crc"/> is the checksum of, followed by <paramref name="data"/>
    /// (zlib's <c>crc32(crc, data)</c>): start from 0 to checksum bytes that arrive in pieces.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        var c = ~crc;
        foreach (var b in data)
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    /// <summary>The checksum of a W&amp;B chunk: over its type byte, then its data (datastore.py: <c>zlib.crc32(data, crc32(type))</c>).</summary>
    public static uint OfChunk(byte type, ReadOnlySpan<byte> data) => Append(Append(0, [type]), data);

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
