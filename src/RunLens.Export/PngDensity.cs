using System.Buffers.Binary;
using System.Text;

namespace RunLens;

/// <summary>
/// Writes a raster image's resolution into its metadata, so a 1920-pixel PNG says it is 6.4 inches wide at 300 DPI:
/// PNG's pHYs chunk (pixels per metre), JPEG's JFIF density (dots per inch). Canvas encoders write none.
/// </summary>
internal static class PngDensity
{
    private static readonly byte[] _signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Pixels per metre for a DPI, as PNG stores it (300 DPI is 11811).</summary>
    public static uint PixelsPerMetre(double dpi) => (uint)Math.Round(dpi / 0.0254);

    /// <summary>The PNG with a pHYs chunk of <paramref name="dpi"/> right after IHDR (any earlier pHYs removed).</summary>
    public static byte[] SetPng(byte[] png, double dpi)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(_signature))
            throw new InvalidDataException("The browser did not return a PNG.");
        using var output = new MemoryStream(png.Length + 21);
        output.Write(_signature);
        var offset = 8;
        while (offset + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var whole = 12 + length;
            if (type != "pHYs")
                output.Write(png, offset, whole);
            if (type == "IHDR")
                WritePhys(output, PixelsPerMetre(dpi));
            offset += whole;
        }
        return output.ToArray();
    }

    /// <summary>The pHYs chunk's pixels per metre (x), or null when the PNG has none.</summary>
    public static uint? ReadPng(byte[] png)
    {
        var offset = 8;
        while (offset + 12 <= png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (Encoding.ASCII.GetString(png, offset + 4, 4) == "pHYs" && png[offset + 16] == 1)
                return BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8));
            offset += 12 + length;
        }
        return null;
    }

    /// <summary>The JPEG with its JFIF density set to <paramref name="dpi"/> dots per inch (unchanged without a JFIF header).</summary>
    public static byte[] SetJpeg(byte[] jpeg, double dpi)
    {
        // SOI, APP0 marker, length, "JFIF\0", version (2 bytes), then units (1 = dots per inch), x and y density.
        if (jpeg.Length < 18 || jpeg[2] != 0xFF || jpeg[3] != 0xE0 || Encoding.ASCII.GetString(jpeg, 6, 5) != "JFIF\0")
            return jpeg;
        var copy = (byte[])jpeg.Clone();
        var density = (ushort)Math.Clamp(Math.Round(dpi), 1, ushort.MaxValue);
        copy[13] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(14), density);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(16), density);
        return copy;
    }

    private static void WritePhys(Stream output, uint pixelsPerMetre)
    {
        Span<byte> chunk = stackalloc byte[21];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[8..], pixelsPerMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[12..], pixelsPerMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk[17..], Crc32(chunk[4..17]));
        output.Write(chunk);
    }

    // PNG's CRC-32 (ISO 3309, reflected 0xEDB88320) over chunk type and data.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
