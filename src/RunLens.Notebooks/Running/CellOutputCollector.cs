using System.Text;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Notebooks;

/// <summary>
/// Turns the kernel's events for one cell into outputs in Jupyter's kinds, in the order they happen:
/// <c>DisplayedValueProduced</c> is a display, <c>DisplayedValueUpdated</c> replaces the display with the same value
/// id in place (a progress line that updates ends as one output, as in VS Code and Jupyter), <c>ReturnValueProduced</c>
/// is the result (not when it is a <see cref="DisplayedValue"/>, the handle <c>display(x)</c> returns), consecutive
/// stdout or stderr text merges into one stream output, and errors become <see cref="ErrorOutput"/>s naming the cell.
/// Thread-safe: events come from the kernel's threads.
/// </summary>
internal sealed class CellOutputCollector(int cell, string source)
{
    private readonly List<object> _items = [];
    private readonly Dictionary<string, Display> _displays = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DiagnosticsProduced? _diagnostics;

    /// <summary>True once the kernel reported a failure.</summary>
    public bool Failed { get; private set; }

    public void Add(KernelEvent e)
    {
        lock (_lock)
        {
            switch (e)
            {
                case StandardOutputValueProduced output:
                    Write("stdout", output);
                    break;
                case StandardErrorValueProduced stderr:
                    Write("stderr", stderr);
                    break;
                case DisplayedValueUpdated updated:
                    Update(updated);
                    break;
                case ReturnValueProduced { Value: DisplayedValue }:
                    break;
                case ReturnValueProduced result:
                    Show(result, isResult: true);
                    break;
                case ErrorProduced produced:
                    _items.Add(CellErrors.Produced(cell, produced));
                    break;
                case DisplayedValueProduced displayed:
                    Show(displayed, isResult: false);
                    break;
                case DiagnosticsProduced diagnostics:
                    _diagnostics = diagnostics;
                    break;
                case CommandFailed failed:
                    Failed = true;
                    // A failed part of a cell (the #r lines are a command of their own) also fails the cell's command with
                    // the same message: one error output.
                    var error = CellErrors.Failed(cell, source, failed, _diagnostics);
                    if (!_items.OfType<ErrorOutput>().Any(o => o.Message == error.Message))
                        _items.Add(error);
                    break;
            }
        }
    }

    /// <summary>The cell ran longer than allowed: its error, after whatever it showed so far.</summary>
    public void TimedOut(TimeSpan timeout)
    {
        lock (_lock)
        {
            Failed = true;
            _items.Add(CellErrors.Timeout(cell, timeout));
        }
    }

    public IReadOnlyList<CellOutput> ToList()
    {
        lock (_lock)
        {
            return _items.Select(i => i switch
            {
                (string name, StringBuilder text) => new StreamOutput(name, text.ToString()),
                Display display => display.Output,
                _ => (CellOutput)i,
            }).ToList();
        }
    }

    private void Write(string stream, DisplayEvent e)
    {
        var text = string.Concat(e.FormattedValues.Select(v => v.Value));
        if (text.Length == 0)
            return;
        if (_items.Count > 0 && _items[^1] is (string name, StringBuilder last) && name == stream)
            last.Append(text);
        else
            _items.Add((stream, new StringBuilder(text)));
    }

    private void Show(DisplayEvent e, bool isResult)
    {
        if (Data(e) is not { } data)
            return;
        var display = new Display(new DisplayOutput(data, isResult), fromProduced: e is DisplayedValueProduced);
        _items.Add(display);
        if (!string.IsNullOrEmpty(e.ValueId))
            _displays[e.ValueId] = display;
    }

    private void Update(DisplayedValueUpdated e)
    {
        if (Data(e) is not { } data)
            return;
        if (!_displays.TryGetValue(e.ValueId, out var display))
        {
            // x.Display() and display(x) publish one DisplayedValue and hand the cell a copy with another id (the kernel's
            // DisplayExtensions.Display), so the copy's first update names an id nothing showed. It belongs to the latest
            // display of this cell with the same MIME types that no update has claimed yet: the progress line pattern.
            display = _items.OfType<Display>().LastOrDefault(d => d.FromProduced && !d.Claimed
                && d.Output.Data.Keys.Order(StringComparer.Ordinal).SequenceEqual(data.Keys.Order(StringComparer.Ordinal)));
            if (display is null)
            {
                Show(e, isResult: false);
                return;
            }
            _displays[e.ValueId] = display;
        }
        display.Claimed = true;
        display.Output = display.Output with { Data = data };
    }

    // Values the kernel marks SuppressDisplay are not shown (as in VS Code); nothing left means no output.
    private static Dictionary<string, string>? Data(DisplayEvent e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in e.FormattedValues.Where(v => !v.SuppressDisplay))
            data[value.MimeType] = value.Value;
        return data.Count == 0 ? null : data;
    }

    /// <summary>A display output that updates may replace.</summary>
    private sealed class Display(DisplayOutput output, bool fromProduced)
    {
        public DisplayOutput Output { get; set; } = output;

        /// <summary>Shown by <c>DisplayedValueProduced</c> (not a result, not an update nothing matched).</summary>
        public bool FromProduced { get; } = fromProduced;

        /// <summary>An update replaced it already: it is not free for a copy's first update to claim.</summary>
        public bool Claimed { get; set; }
    }
}
