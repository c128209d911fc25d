using System.Text.Json;

namespace RunLens;

public sealed partial class RunWriter
{
    /// <summary>Appends one line to a JSONL file of the run (relative path); the caller holds <see cref="Gate"/> or not, the lock is re-entrant.</summary>
    internal void AppendLine<TState>(string relativePath, TState state, Action<Utf8JsonWriter, TState> write, bool flush = false)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_lineFiles.TryGetValue(relativePath, out var file))
            {
                var path = Path.Combine(Directory, relativePath);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _lineFiles[relativePath] = file = new JsonLineFile(path);
            }
            file.Append(state, write);
            if (flush)
                file.Flush();
        }
    }

    /// <summary>
    /// Writes a whole JSON document (relative path) through a temporary file that is then renamed over the target,
    /// so a killed process leaves either the old file or the complete new one, never half a document.
    /// </summary>
    internal void WriteDocument<TState>(string relativePath, TState state, Action<Utf8JsonWriter, TState> write)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var path = Path.Combine(Directory, relativePath);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            // Compact: indentation would write the platform newline and make the bytes differ across systems.
            using (var json = new Utf8JsonWriter(file))
            {
                write(json, state);
                json.Flush();
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
    }
}
