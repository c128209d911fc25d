using System.Text;
using RunLens.TestSupport;
using Xunit.Abstractions;

namespace RunLens.Tests.Writing;

public class Crc32CTests(ITestOutputHelper output)
{
    [Fact]
    public void Crc32C_of_123456789_is_the_standard_check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Crc32C_of_nothing_is_zero_and_of_32_zero_bytes_is_the_rfc_3720_value()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Fact]
    public void Slice_by_8_agrees_with_the_bitwise_definition_at_every_length_and_alignment()
    {
        var bytes = new byte[300];
        new Random(7).NextBytes(bytes);
        for (var start = 0; start < 9; start++)
        {
            for (var length = 0; length <= bytes.Length - start; length += 7)
            {
                var span = bytes.AsSpan(start, length);
                Assert.Equal(TfRecordTestReader.Crc32CBitwise(span), Crc32C.Compute(span));
            }
        }
    }

    [Fact]
    public void The_cpu_instruction_path_agrees_with_the_table_at_every_length_and_alignment()
    {
        var bytes = new byte[1100];
        new Random(11).NextBytes(bytes);
        for (var start = 0; start < 9; start++)
        {
            for (var length = 0; length <= bytes.Length - start; length += 13)
            {
                var span = bytes.AsSpan(start, length);
                Assert.Equal(Crc32C.ComputeSoftware(span), Crc32C.Compute(span));
            }
        }
        Assert.Equal(0xE3069283u, Crc32C.ComputeSoftware(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Mask_rotates_right_by_15_bits_and_adds_the_tensorflow_constant()
    {
        Assert.Equal(0xA282EAD8u, Crc32C.Mask(0));
        Assert.Equal(unchecked((1u << 17) + 0xA282EAD8u), Crc32C.Mask(1));
        Assert.Equal(unchecked((0xE3069283u >> 15 | 0xE3069283u << 17) + 0xA282EAD8u), Crc32C.ComputeMasked(Encoding.ASCII.GetBytes("123456789")));
    }

    [RealDataFact("tfevents")]
    public void Every_record_of_the_real_tfevents_files_carries_the_masked_crcs_we_compute()
    {
        var folder = RealRuns.Folder("tfevents", output);

        var files = Directory.EnumerateFiles(folder, "events.out.tfevents.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var records = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var at = 0;
            while (at + 12 <= bytes.Length)
            {
                var length = (int)BitConverter.ToUInt64(bytes, at);
                Assert.Equal(BitConverter.ToUInt32(bytes, at + 8), Crc32C.ComputeMasked(bytes.AsSpan(at, 8)));
                Assert.Equal(BitConverter.ToUInt32(bytes, at + 12 + length), Crc32C.ComputeMasked(bytes.AsSpan(at + 12, length)));
                at += 12 + length + 4;
                records++;
            }

            Assert.Equal(bytes.Length, at);
        }

        output.WriteLine($"{records} records in {files.Count} files checked");
    }
}
