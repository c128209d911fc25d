using System.Buffers;
using System.IO.Compression;

namespace RunLens.Loading;

/// <summary>
/// The first bytes of a log (decompressed for <c>.gz</c>), without a UTF-8 BOM, in a pooled buffer: what discovery
/// looks at to decide a file's kind, header or shape. Dispose returns the buffer; the bytes are not to be kept.
/// </summary>
/// <remarks>
/// Listing peeks at every log, up to three times (is it a log, its shape, its CSV notes): with a fresh 64 KB array
/// each time, listing 500 JSON logs allocated 68 MB, zeroed and faulted in on the one thread before a scan starts.
/// </remarks>
internal readonly struct FileHead : IDisposable
{
    /// <summary>How much of a file is looked at: the first 64 KB.</summary>
    public const int Size = 64 * 1024;

    private readonly byte[] _buffer;
    private readonly int _start;
    private readonly int _length;

    private FileHead(byte[] buffer, int start, int length) => (_buffer, _start, _length) = (buffer, start, length);

    /// <summary>The bytes read, at most <see cref="Size"/>, BOM removed.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(_start, _length);

    /// <summary>How many bytes were read, a BOM included.</summary>
    public int BytesRead => _start + _length;

    /// <summary>Reads the head of <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    /// <exception cref="InvalidDataException">A <c>.gz</c> file is not gzip.</exception>
    public static FileHead Read(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Size);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            using var source = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            var length = source.ReadAtLeast(buffer.AsSpan(0, Size), Size, throwOnEndOfStream: false);
            var bom = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
            return new FileHead(buffer, bom, length - bom);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Gives the buffer back to the pool.</summary>
    public void Dispose()
    {
        if (_buffer is not null)
            ArrayPool<byte>.Shared.Return(_buffer);
    }
}
