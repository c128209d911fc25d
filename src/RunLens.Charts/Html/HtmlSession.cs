using System.Globalization;

namespace RunLens;

/// <summary>
/// The element ids used so far in one page or notebook session, so that the same figure shown twice gets two ids
/// (<c>runlens-&lt;hash&gt;</c>, then <c>-2</c>, <c>-3</c>...). Ids stay deterministic: they come from the content's hash
/// and the display's order. Thread-safe.
/// </summary>
public sealed class HtmlSession
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _renderings = new(StringComparer.Ordinal);

    /// <summary>The session of this process, used by notebook renderings that do not name one.</summary>
    public static HtmlSession Default { get; } = new();

    /// <summary>Forgets every id handed out, as after a kernel restart.</summary>
    public void Reset()
    {
        lock (_gate)
            _renderings.Clear();
    }

    // The element id for content whose JSON hashes to `hash`: the hash, then -2, -3... on repeats.
    internal string Next(string hash)
    {
        lock (_gate)
        {
            var occurrence = _renderings.TryGetValue(hash, out var seen) ? seen + 1 : 1;
            _renderings[hash] = occurrence;
            return occurrence == 1 ? "runlens-" + hash : "runlens-" + hash + "-" + occurrence.ToString(CultureInfo.InvariantCulture);
        }
    }
}
