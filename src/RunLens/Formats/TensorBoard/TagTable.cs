using System.Buffers.Binary;
using System.Text;

namespace RunLens.Formats.TensorBoard;

/// <summary>What a tag is known to be, for one file's reader: its name, its plugin and its field ids.</summary>
internal sealed class TagInfo(byte[] bytes)
{
    /// <summary>Not looked up yet.</summary>
    public const int Unassigned = -2;

    /// <summary>The tag as written (UTF-8).</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>The tag.</summary>
    public string Name { get; } = Encoding.UTF8.GetString(bytes);

    /// <summary>
    /// The plugin named by the first value of this tag that carried metadata (TensorBoard keeps only that one: writers
    /// strip the metadata from later values). Null before metadata was seen or when it named no plugin.
    /// </summary>
    public string? Plugin { get; set; }

    /// <summary>True once a value of this tag carried metadata.</summary>
    public bool MetadataSeen { get; set; }

    /// <summary>The field id of the tag's value (scalars, text), or <see cref="Unassigned"/>.</summary>
    public int Field { get; set; } = Unassigned;

    /// <summary>The field ids of <c>/count, /mean, /min, /max, /std</c> for a histogram tag, once looked up.</summary>
    public int[]? HistogramFields { get; set; }

    /// <summary>The discards that concern this tag in the file being read, once looked up (<see cref="CutsLooked"/>); null for none.</summary>
    public TagCuts? Cuts { get; set; }

    /// <summary>True once <see cref="Cuts"/> was looked up.</summary>
    public bool CutsLooked { get; set; }

    /// <summary>For the run's survey (<see cref="RunSurvey"/>, which has a table of its own): true once the tag was met. For a
    /// file's part of the notes (<see cref="FileSurvey"/>): true once the tag's highest step is the file's own.</summary>
    public bool SurveySeen { get; set; }

    /// <summary>For the run's survey: the highest step of the tag's values that still count, or <see cref="long.MinValue"/>.</summary>
    public long SurveyMaxStep { get; set; } = long.MinValue;
}

/// <summary>
/// Tags by their UTF-8 bytes, so the per-value lookup allocates nothing: a string is made once per distinct tag.
/// Open addressing over a power-of-two table.
/// </summary>
internal sealed class TagTable
{
    private TagInfo?[] _slots = new TagInfo?[64];
    private int[] _hashes = new int[64];
    private int _count;

    public TagInfo Get(ReadOnlySpan<byte> bytes)
    {
        var hash = Hash(bytes);
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot is null)
                return Add(bytes.ToArray(), hash);
            if (_hashes[i] == hash && bytes.SequenceEqual(slot.Bytes))
                return slot;
        }
    }

    private TagInfo Add(byte[] bytes, int hash)
    {
        if (++_count * 2 > _slots.Length)
            Grow();
        var tag = new TagInfo(bytes);
        Place(tag, hash);
        return tag;
    }

    private void Place(TagInfo tag, int hash)
    {
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i] is not null)
            i = (i + 1) & mask;
        _slots[i] = tag;
        _hashes[i] = hash;
    }

    private void Grow()
    {
        var (slots, hashes) = (_slots, _hashes);
        _slots = new TagInfo?[slots.Length * 2];
        _hashes = new int[slots.Length * 2];
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] is { } tag)
                Place(tag, hashes[i]);
        }
    }

    // Eight bytes at a time, multiplied and folded (the mixing of wyhash-style hashes): a tag of 20 bytes costs a few
    // multiplications instead of FNV's twenty dependent ones, which showed as a tenth of a TensorBoard read. Stable
    // across processes, so iteration order never depends on a per-process seed.
    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong K = 0x9E3779B97F4A7C15;
        var hash = (ulong)bytes.Length * K;
        while (bytes.Length >= 8)
        {
            hash = Mix(hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
            tail |= (ulong)bytes[i] << (8 * i);
        hash = Mix(hash ^ tail);
        return (int)((hash ^ (hash >> 32)) & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong x)
    {
        var product = Math.BigMul(x, 0xBF58476D1CE4E5B9, out var low);
        return product ^ low;
    }
}
