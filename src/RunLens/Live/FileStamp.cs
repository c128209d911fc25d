using Microsoft.Win32.SafeHandles;
using RunLens.Loading.Discovery;

namespace RunLens.Live;

/// <summary>
/// What a file on disk looked like when it was last read: its length, last write and first bytes, and an open handle
/// to the file itself, so that a file replaced under the same name (a rotated log, a rewrite) is told apart from one
/// that grew: the name's length and the held file's length differ, or the first bytes do.
/// </summary>
internal sealed class FileStamp : IDisposable
{
    private const int HeadBytes = 512;

    private readonly SafeFileHandle? _held;
    private readonly byte[] _head;

    private FileStamp(string path, long length, DateTime lastWrite, byte[] head, SafeFileHandle? held, FileIdentity? identity)
    {
        Identity = identity;
        Path = path;
        Length = length;
        LastWrite = lastWrite;
        _head = head;
        _held = held;
    }

    public string Path { get; }

    /// <summary>The file's device and inode where the system tells them (Linux): the surest sign of another file.</summary>
    public FileIdentity? Identity { get; }

    public long Length { get; }

    public DateTime LastWrite { get; }

    /// <summary>The file as it is now (null when it does not exist or cannot be read).</summary>
    public static FileStamp? Take(string path)
    {
        try
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                var length = RandomAccess.GetLength(handle);
                var head = new byte[(int)Math.Min(HeadBytes, length)];
                var read = RandomAccess.Read(handle, head, 0);
                return new FileStamp(path, length, File.GetLastWriteTimeUtc(path), head[..read], handle, FileIdentity.Of(path));
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="now"/> is this file, perhaps grown: not replaced, not shorter, the same first bytes.</summary>
    public bool SameFileGrown(FileStamp now)
    {
        if (now.Length < Length || now._head.Length < _head.Length || !now._head.AsSpan(0, _head.Length).SequenceEqual(_head))
            return false;
        return SameFile(now);
    }

    /// <summary>True when <paramref name="now"/> is this file, whatever was written to it (a database changes in place).</summary>
    public bool SameFile(FileStamp now)
    {
        if (Identity is { } before && now.Identity is { } after)
            return before == after;
        if (_held is null)
            return true;
        // The file this stamp holds open has the name's length only if the name still points at it.
        try
        {
            return RandomAccess.GetLength(_held) == now.Length || RandomAccess.GetLength(_held) == LengthOf(now.Path);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>True when the file differs from this stamp in any way (length, last write, first bytes).</summary>
    public bool Changed(FileStamp now) =>
        now.Length != Length || now.LastWrite != LastWrite || !now._head.AsSpan().SequenceEqual(_head);

    private static long LengthOf(string path) => new FileInfo(path).Length;

    public void Dispose() => _held?.Dispose();
}
