using System.Text;

namespace RunLens.Notebooks;

/// <summary>
/// The outputs of the cell that is running, in the order they happen: consecutive writes to one stream merge into
/// one <see cref="StreamOutput"/>, as the kernel's stdout/stderr events do. Thread-safe (scripts may write from tasks).
/// </summary>
internal sealed class CellOutputs
{
    private readonly List<object> _items = [];
    private readonly Lock _lock = new();

    /// <summary>The collector of the cell running on this async flow; set by the runner, read by the display shims.</summary>
    public static AsyncLocal<CellOutputs?> Current { get; } = new();

    public void Write(string stream, string text)
    {
        if (text.Length == 0)
            return;
        lock (_lock)
        {
            if (_items.Count > 0 && _items[^1] is (string name, StringBuilder last) && name == stream)
                last.Append(text);
            else
                _items.Add((stream, new StringBuilder(text)));
        }
    }

    public void Add(CellOutput output)
    {
        lock (_lock)
            _items.Add(output);
    }

    public IReadOnlyList<CellOutput> ToList()
    {
        lock (_lock)
            return _items.Select(i => i is (string name, StringBuilder text) ? new StreamOutput(name, text.ToString()) : (CellOutput)i).ToList();
    }

    /// <summary>A writer that appends to one stream of this collector (Console.Out or Console.Error during a cell).</summary>
    public TextWriter Writer(string stream) => new StreamWriterAdapter(this, stream);

    private sealed class StreamWriterAdapter(CellOutputs outputs, string stream) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => outputs.Write(stream, value.ToString());

        public override void Write(string? value) => outputs.Write(stream, value ?? "");

        public override void Write(char[] buffer, int index, int count) => outputs.Write(stream, new string(buffer, index, count));
    }
}
