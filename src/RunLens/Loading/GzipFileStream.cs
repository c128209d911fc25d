using System.IO.Compression;

namespace RunLens.Loading;

/// <summary>
/// Decompresses gzip like <see cref="GZipStream"/> (concatenated members read as one stream, as gzip does), but keeps
/// the data a damaged end would otherwise take with it. GZipStream checks a member's CRC when a read reaches its
/// trailer and then throws, losing every byte that read had already decompressed: a 1 MB read of a small file with a
/// bad checksum or a damaged last block returned nothing, and all of its valid records were lost. On that failure
/// this stream decompresses the file again from the start, skips what it already returned, and hands out the rest
/// one byte at a time up to the failure (slow, but only for the tail of a damaged file); the next read then throws
/// the failure, so readers report it where the data stops, as before.
/// </summary>
internal sealed class GzipFileStream : Stream
{
    private readonly GZipStream _gzip;
    private readonly Func<Stream>? _reopen;
    private long _returned;
    private byte[]? _tail;
    private int _tailAt;
    private InvalidDataException? _failure;

    /// <param name="compressed">The compressed bytes, read from their start; disposed with this stream.</param>
    /// <param name="reopen">Opens the compressed bytes again from their start, for recovery; null when they cannot be
    /// (the stream then behaves as GZipStream).</param>
    public GzipFileStream(Stream compressed, Func<Stream>? reopen)
    {
        _gzip = new GZipStream(compressed, CompressionMode.Decompress);
        _reopen = reopen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _returned; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_tail is not null && _tailAt < _tail.Length)
        {
            var n = Math.Min(buffer.Length, _tail.Length - _tailAt);
            _tail.AsSpan(_tailAt, n).CopyTo(buffer);
            _tailAt += n;
            _returned += n;
            return n;
        }
        if (_failure is not null)
            throw _failure;
        try
        {
            var read = _gzip.Read(buffer);
            _returned += read;
            return read;
        }
        catch (InvalidDataException ex)
        {
            _tail = Recover();
            _tailAt = 0;
            // .NET words a failed checksum as "unsupported compression method"; say what it means.
            _failure = new InvalidDataException(FormattableString.Invariant(
                $"the gzip data is damaged after {_returned + _tail.Length} decompressed bytes (a block or the checksum of a member does not match: {ex.Message})"), ex);
            if (_tail.Length == 0)
                throw _failure;
            return Read(buffer);
        }
    }

    /// <summary>The decompressed bytes after <see cref="_returned"/> that can be had before the damage.</summary>
    private byte[] Recover()
    {
        if (_reopen is null)
            return [];
        return RecoverFirstMember() ?? RecoverByteByByte();
    }

    /// <summary>
    /// When the damage is in the first member (the usual single-member file): its deflate data read raw, without
    /// GZipStream's check at the trailer, so even the last byte before a bad checksum is kept. Null when the damage is
    /// in a later member or the header is not one to skip.
    /// </summary>
    private byte[]? RecoverFirstMember()
    {
        try
        {
            using var file = new BufferedStream(_reopen!(), 1 << 16);
            if (!SkipHeader(file))
                return null;
            using var deflate = new DeflateStream(file, CompressionMode.Decompress);
            if (!Skip(deflate, _returned))
                return null;
            var tail = new MemoryStream();
            deflate.CopyTo(tail);
            return tail.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>RFC 1952's member header: ID1 ID2 CM FLG MTIME(4) XFL OS, then the optional fields FLG names.</summary>
    private static bool SkipHeader(Stream file)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        if (file.ReadAtLeast(fixedPart, 10, throwOnEndOfStream: false) < 10 || fixedPart[0] != 0x1F || fixedPart[1] != 0x8B || fixedPart[2] != 8)
            return false;
        var flags = fixedPart[3];
        if ((flags & 4) != 0)
        {
            var extra = file.ReadByte() | (file.ReadByte() << 8);
            if (extra < 0 || !Skip(file, extra))
                return false;
        }
        for (var field = 8; field <= 16; field <<= 1)
        {
            if ((flags & field) == 0)
                continue;
            int b;
            while ((b = file.ReadByte()) > 0)
            {
            }
            if (b < 0)
                return false;
        }
        return (flags & 2) == 0 || Skip(file, 2);
    }

    /// <summary>Reads and drops <paramref name="count"/> bytes; false when the stream ends first. Reads that stop short
    /// of the damage fill their buffer exactly, so inflate never reaches a bad trailer while skipping.</summary>
    private static bool Skip(Stream stream, long count)
    {
        var skip = new byte[1 << 16];
        for (var left = count; left > 0;)
        {
            var read = stream.Read(skip, 0, (int)Math.Min(skip.Length, left));
            if (read == 0)
                return false;
            left -= read;
        }
        return true;
    }

    /// <summary>Any member: the bytes a byte-by-byte read reaches before the damage (the last one before a bad
    /// checksum is lost with it, as inflate checks the trailer in the same call).</summary>
    private byte[] RecoverByteByByte()
    {
        var tail = new MemoryStream();
        try
        {
            using var again = new GZipStream(_reopen!(), CompressionMode.Decompress);
            if (!Skip(again, _returned))
                return [];
            Span<byte> one = stackalloc byte[1];
            while (again.Read(one) == 1)
                tail.WriteByte(one[0]);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // The damage again: what came before it is the tail. (Or the file is gone: no tail.)
        }
        return tail.ToArray();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _gzip.Dispose();
        base.Dispose(disposing);
    }
}
