using RunLens.Tests.Formats.TensorBoard;

namespace RunLens.Tests.Formats.Wandb;

/// <summary>
/// Writes W&amp;B transaction logs (<c>run-&lt;id&gt;.wandb</c>) byte by byte, independently of the reader, following
/// wandb/sdk/internal/datastore.py: the header <c>struct.pack("&lt;4sHB", ":W&amp;B", 0xBEE1, 0)</c>; then per record
/// <c>_write_data</c>: pad a block's last &lt; 7 bytes with zeros; a record that fits is one FULL chunk, else FIRST
/// (filling the block), MIDDLEs of 32761 bytes, LAST; each chunk <c>struct.pack("&lt;IHB", crc, length, type)</c> + data
/// with <c>crc = zlib.crc32(data, zlib.crc32(chr(type)))</c>. Records are protobuf <c>wandb_internal.Record</c>s
/// encoded by hand (with <see cref="Pb"/>, the test-side protobuf writer) from wandb/proto/wandb_internal.proto.
/// </summary>
internal sealed class WandbLogFixture
{
    private const int BlockLength = 32768, HeaderLength = 7;
    private readonly MemoryStream _out = new();

    public WandbLogFixture() => _out.Write([(byte)':', (byte)'W', (byte)'&', (byte)'B', 0xE1, 0xBE, 0]);

    /// <summary>Where each record's first chunk starts.</summary>
    public List<long> Offsets { get; } = [];

    public byte[] Bytes => _out.ToArray();

    /// <summary>datastore.py DataStore._write_data.</summary>
    public WandbLogFixture Write(byte[] record)
    {
        var spaceLeft = BlockLength - (int)(_out.Length % BlockLength);
        if (spaceLeft < HeaderLength)
        {
            _out.Write(new byte[spaceLeft]);
            spaceLeft = BlockLength;
        }
        Offsets.Add(_out.Length);
        if (record.Length + HeaderLength <= spaceLeft)
        {
            Chunk(record, 1);
            return this;
        }
        var room = spaceLeft - HeaderLength;
        Chunk(record[..room], 2);
        var used = room;
        while (record.Length - used > BlockLength - HeaderLength)
        {
            Chunk(record[used..(used + BlockLength - HeaderLength)], 3);
            used += BlockLength - HeaderLength;
        }
        Chunk(record[used..], 4);
        return this;
    }

    private void Chunk(byte[] data, byte type)
    {
        var crc = Crc32([type, .. data]);
        _out.Write([(byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24), (byte)data.Length, (byte)(data.Length >> 8), type]);
        _out.Write(data);
    }

    /// <summary>zlib's CRC-32, bit by bit (the reader uses a table).</summary>
    public static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>HistoryItem { key = 1; repeated nested_key = 2; value_json = 16 }.</summary>
    public static byte[] Item(string key, string valueJson) => [.. Pb.String(1, key), .. Pb.String(16, valueJson)];

    public static byte[] NestedItem(string[] path, string valueJson) => [.. path.SelectMany(p => Pb.String(2, p)), .. Pb.String(16, valueJson)];

    /// <summary>Record { num = 1; history = 2 { repeated item = 1; step = 2 { num = 1 } } }.</summary>
    public static byte[] History(long num, long? step, params byte[][] items) =>
        [.. Pb.Varint(1, num), .. Pb.Bytes(2, [.. items.SelectMany(i => Pb.Bytes(1, i)), .. step is { } s ? Pb.Bytes(2, Pb.Varint(1, s)) : []])];

    /// <summary>Record { num = 1; run = 17 { run_id = 1; project = 3; display_name = 8 } }: not history.</summary>
    public static byte[] RunRecord(string id) => [.. Pb.Varint(1, 1), .. Pb.Bytes(17, [.. Pb.String(1, id), .. Pb.String(3, "proj"), .. Pb.String(8, "name")])];

    /// <summary>Record { summary = 3 { update = 1 { key = 1; value_json = 16 } } }: not history.</summary>
    public static byte[] SummaryRecord(string key, string valueJson) => Pb.Bytes(3, Pb.Bytes(1, Item(key, valueJson)));

    /// <summary>ConfigItem/SummaryItem { key = 1; repeated nested_key = 2; value_json = 16 } at a nested path.</summary>
    public static byte[] PathItem(string[] path, string valueJson) => NestedItem(path, valueJson);

    /// <summary>
    /// Record { run = 17 { run_id = 1; project = 3; config = 4 { update = 1 ... }; run_group = 6; display_name = 8;
    /// repeated tags = 10 } }, as the client writes it first.
    /// </summary>
    public static byte[] FullRunRecord(string id, string displayName, string group, string[] tags, params byte[][] configItems) =>
        [.. Pb.Varint(1, 1), .. Pb.Bytes(17, [
            .. Pb.String(1, id), .. Pb.String(3, "proj"), .. Pb.Bytes(4, [.. configItems.SelectMany(i => Pb.Bytes(1, i))]),
            .. Pb.String(6, group), .. Pb.String(8, displayName), .. tags.SelectMany(t => Pb.String(10, t))])];

    /// <summary>Record { config = 5 { repeated update = 1; repeated remove = 2 } }.</summary>
    public static byte[] ConfigRecord(byte[][] updates, byte[][]? removes = null) =>
        Pb.Bytes(5, [.. updates.SelectMany(i => Pb.Bytes(1, i)), .. (removes ?? []).SelectMany(i => Pb.Bytes(2, i))]);

    /// <summary>Record { summary = 3 { repeated update = 1 } } of several items.</summary>
    public static byte[] SummaryUpdate(params byte[][] items) => Pb.Bytes(3, [.. items.SelectMany(i => Pb.Bytes(1, i))]);

    /// <summary>Record { metric = 12 { name = 1 | glob_name = 2; step_metric = 4 } }.</summary>
    public static byte[] MetricRecord(string? name, string? glob, string stepMetric) =>
        Pb.Bytes(12, [.. name is null ? [] : Pb.String(1, name), .. glob is null ? [] : Pb.String(2, glob), .. Pb.String(4, stepMetric)]);

    /// <summary>Record { exit = 18 { exit_code = 1 } }; exit code 0 is the empty message, as proto3 writes it.</summary>
    public static byte[] ExitRecord(int code) => Pb.Bytes(18, code == 0 ? [] : Pb.Varint(1, code));
}
