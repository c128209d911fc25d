using System.Buffers;
using System.Text.Json;

namespace RunLens;

/// <summary>
/// An append-only JSON-lines file that only ever hands complete lines to the operating system: lines are built in
/// memory, collected in a block of whole lines, and written when the block is full or on <see cref="Flush"/>. A
/// killed process therefore loses the unflushed lines but never leaves half a line behind (short of a crash inside
/// the write call itself). Not thread-safe: <see cref="RunWriter"/> serialises calls.
/// </summary>
internal sealed class JsonLineFile : IDisposable
{
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly ArrayBufferWriter<byte> _block = new(LogJson.FlushThreshold);
    private readonly Utf8JsonWriter _json;

    public JsonLineFile(string path)
    {
        // bufferSize 0: no FileStream buffer that could split a line; _block is the buffer.
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _json = new Utf8JsonWriter(_line);
    }

    public long Lines { get; private set; }

    /// <summary>Builds one line with <paramref name="write"/>; if it throws, nothing of the line is kept.</summary>
    public void Append<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        _line.Clear();
        _json.Reset(_line);
        write(_json, state);
        _json.Flush();
        _line.Write("\n"u8);
        _block.Write(_line.WrittenSpan);
        Lines++;
        if (_block.WrittenCount >= LogJson.FlushThreshold)
            Flush();
    }

    /// <summary>Writes the collected whole lines to the file.</summary>
    public void Flush()
    {
        if (_block.WrittenCount == 0)
            return;
        _file.Write(_block.WrittenSpan);
        _file.Flush();
        _block.Clear();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
        _file.Dispose();
    }
}
