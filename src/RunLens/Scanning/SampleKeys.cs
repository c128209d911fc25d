using System.Text;

namespace RunLens.Scanning;

/// <summary>
/// Deterministic pseudo-random keys for records, from the seed, the file's relative path and the record's position
/// in the file. They do not depend on threads or on how files were split, which is what makes samples mergeable.
/// </summary>
internal static class SampleKeys
{
    /// <summary>A stable 64-bit hash of a file's relative path (FNV-1a; string.GetHashCode changes per process).</summary>
    public static ulong FileKey(string relativePath)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(relativePath))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return Mix(hash);
    }

    /// <summary>The record's sampling key: uniform over 64 bits.</summary>
    public static ulong RecordKey(int seed, ulong fileKey, long ordinal) =>
        RecordKey(RecordKeyBase(seed, fileKey), ordinal);

    /// <summary>The part of <see cref="RecordKey(int, ulong, long)"/> shared by a file's records, computed once per file.</summary>
    public static ulong RecordKeyBase(int seed, ulong fileKey) => fileKey ^ Mix((ulong)(uint)seed + 0x632BE59BD9B4E019UL);

    /// <summary>The record's sampling key from its file's <see cref="RecordKeyBase"/>.</summary>
    public static ulong RecordKey(ulong keyBase, long ordinal) => Mix(keyBase ^ (ulong)ordinal * 0x9E3779B97F4A7C15UL);

    /// <summary>Order of records with equal steps: the file key's top 24 bits, then the position in the file.</summary>
    public static ulong Order(ulong fileKey, long ordinal) => (fileKey & 0xFFFFFF0000000000UL) | ((ulong)ordinal & 0xFFFFFFFFFFUL);

    /// <summary>SplitMix64's finaliser: a bijective mix with good avalanche.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
