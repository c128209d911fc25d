using System.Text;

namespace RunLens.Tests.Writing;

public class Crc32IeeeTests
{
    [Fact]
    public void Crc32_of_123456789_is_the_standard_check_value()
    {
        // The CRC-32/ISO-HDLC check value; python3 -c "import zlib; print(hex(zlib.crc32(b'123456789')))" agrees.
        Assert.Equal(0xCBF43926u, Crc32Ieee.Of(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32Ieee.Of([]));
    }

    [Fact]
    public void Appending_in_pieces_gives_the_checksum_of_the_whole()
    {
        var bytes = Encoding.ASCII.GetBytes("123456789");
        for (var cut = 0; cut <= bytes.Length; cut++)
            Assert.Equal(0xCBF43926u, Crc32Ieee.Append(Crc32Ieee.Append(0, bytes.AsSpan(0, cut)), bytes.AsSpan(cut)));
    }

    [Fact]
    public void A_chunk_checksum_covers_its_type_byte_then_its_data()
    {
        // python3 -c "import zlib; print(hex(zlib.crc32(b'abc', zlib.crc32(b'\x01'))))" prints 0x539d20a9.
        Assert.Equal(0x539D20A9u, Crc32Ieee.OfChunk(1, "abc"u8));
    }
}
