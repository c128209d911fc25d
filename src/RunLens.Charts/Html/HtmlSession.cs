namespace RunLens;

/// <summary>
/// What has been rendered into one page or notebook session: whether plotly.js has gone out (for
/// <see cref="PlotlyJsMode.EmbedOnce"/>) and how often each figure was rendered (so ids stay unique when the same
/// figure shows twice). Thread-safe.
/// </summary>
public sealed class HtmlSession
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _renderings = new(StringComparer.Ordinal);
    private bool _plotlyJsDelivered;

    /// <summary>The session of this process, used by notebook renderings that do not name one.</summary>
    public static HtmlSession Default { get; } = new();

    /// <summary>Whether a rendering in this session has already carried plotly.js.</summary>
    public bool PlotlyJsDelivered
    {
        get { lock (_gate) return _plotlyJsDelivered; }
    }

    /// <summary>Forgets everything, as after a kernel restart: the next rendering carries plotly.js again.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _renderings.Clear();
            _plotlyJsDelivered = false;
        }
    }

    // Returns the element id for a figure whose JSON hashes to `hash` (the hash, then -2, -3... on repeats) and
    // whether this rendering must carry plotly.js.
    internal (string Id, bool CarriesPlotlyJs) Next(string hash, PlotlyJsMode mode)
    {
        lock (_gate)
        {
            var occurrence = _renderings.TryGetValue(hash, out var seen) ? seen + 1 : 1;
            _renderings[hash] = occurrence;
            var id = occurrence == 1 ? "runlens-" + hash : "runlens-" + hash + "-" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var carries = mode == PlotlyJsMode.Embed || (mode == PlotlyJsMode.EmbedOnce && !_plotlyJsDelivered);
            _plotlyJsDelivered |= carries;
            return (id, carries);
        }
    }
}
