using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace RunLens.Scanning;

/// <summary>
/// A sampled row's fields without a dictionary per row: the field ids (shared by every row of the same shape) and
/// one array of values, read through the scan's append-only list of names as written. A per-file sample of a big
/// run holds hundreds of thousands of rows, so a row costs about its values and little more.
/// </summary>
internal sealed class RowValues<T>(IReadOnlyList<string> names, int[] ids, T[] values) : IReadOnlyDictionary<string, T>
{
    public static RowValues<T> Empty { get; } = new([], [], []);

    public int Count => ids.Length;

    public T this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The row has no field '{key}'.");

    public IEnumerable<string> Keys => ids.Select(id => names[id]);

    public IEnumerable<T> Values => values;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? values[i] : default;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < ids.Length; i++)
            yield return new KeyValuePair<string, T>(names[ids[i]], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            if (string.Equals(names[ids[i]], key, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
