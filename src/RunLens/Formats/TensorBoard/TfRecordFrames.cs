using System.Buffers.Binary;
using System.Buffers;
using System.Globalization;
using RunLens.Loading;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// Streams the records of one TFRecord file: <c>uint64 length</c>, masked CRC-32C of those 8 bytes, the data, masked
/// CRC-32C of the data (all little-endian). Both checksums are verified. A record whose data checksum fails is
/// reported and skipped. A header whose length checksum fails cannot be trusted to say where the next record starts,
/// so the file is scanned forward, byte by byte, for the next header whose length checksum matches, and reading
/// resumes there. A record cut short at the end (a writer still running, or killed) is reported; everything before it
/// loads. Problems go to <see cref="ScanIssues"/> when one is given (the discovery pre-pass reads silently, as the
/// scan reports the same problems).
/// </summary>
internal sealed class TfRecordFrames : IDisposable
{
    public const int HeaderBytes = 12;
    public const int FooterBytes = 4;

    /// <summary>Records larger than this are skipped (with an issue) rather than held in memory.</summary>
    public const int MaxRecordBytes = 256 << 20;

    private const int InitialBufferSize = 1 << 16;

    private readonly FileStream _file;
    private readonly string _path;
    private readonly ScanIssues? _issues;
    private readonly bool _checkData;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    /// <param name="path">The file.</param>
    /// <param name="issues">Where problems go, or null to read silently.</param>
    /// <param name="checkData">False to leave the data checksum to the caller (<see cref="DataHolds"/>): the run's light
    /// pass checks only the few records it acts on, because the reader checks every record it reads.</param>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public TfRecordFrames(string path, ScanIssues? issues, bool checkData = true)
    {
        _path = path;
        _issues = issues;
        _checkData = checkData;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
    }

    /// <summary>The buffer holding the data of the record <see cref="Next"/> returned (valid until the next call).</summary>
    public byte[] Buffer => _buffer;

    /// <summary>
    /// While true, the end of the bytes the file holds now is not its end: a frame cut short there is kept, not
    /// reported, and read once its writer completes it (see <see cref="Loading.IFollowingReader"/>).
    /// </summary>
    public bool Following { get; set; }

    /// <summary>False once damage was met while following (a bad header checksum, a giant record): the file is then read again whole.</summary>
    public bool Settled { get; private set; } = true;

    /// <summary>Bytes read that are not a whole frame yet.</summary>
    public long Pending => _end - _start;

    /// <summary>Bytes read from disk so far.</summary>
    public long DiskPosition => _file.Position;

    /// <summary>
    /// Moves to the next record whose checksums hold. Its data is <c>Buffer[start..start+length]</c> and its frame
    /// starts at byte <paramref name="offset"/> of the file. False at the end of the file.
    /// </summary>
    public bool Next(out long offset, out int start, out int length)
    {
        while (true)
        {
            offset = _bufferOffset + _start;
            if (!Ensure(HeaderBytes))
            {
                if (Following)
                {
                    start = length = 0;
                    return false;
                }
                if (_end > _start)
                    Report(offset, Invariant($"record cut short at the end of the file: {_end - _start} bytes of a {HeaderBytes}-byte record header; ignored"), "truncated");
                _start = _end;
                start = length = 0;
                return false;
            }
            var header = _buffer.AsSpan(_start, HeaderBytes);
            var declared = BinaryPrimitives.ReadUInt64LittleEndian(header);
            if (Crc32C.ComputeMasked(header[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
            {
                // Damage, not a frame being written (a whole header is here): a followed file is read again whole.
                Settled &= !Following;
                Resynchronise(offset);
                continue;
            }
            var frame = HeaderBytes + (long)Math.Min(declared, long.MaxValue - HeaderBytes - FooterBytes) + FooterBytes;
            if (declared > MaxRecordBytes)
            {
                if (!SkipLargeRecord(offset, declared, frame))
                {
                    start = length = 0;
                    return false;
                }
                continue;
            }
            // The length checksum held, so a record that runs past the end of the file was cut short; the file's size
            // is asked only when the record is not buffered yet, and before a buffer that large is rented.
            if ((_end - _start < frame && offset + frame > SafeLength()) || !Ensure((int)frame))
            {
                if (Following)
                {
                    start = length = 0;
                    return false;
                }
                var present = Math.Min(frame, SafeLength() - offset);
                Report(offset, Invariant($"record cut short at the end of the file: {present} of its {frame} bytes; ignored, the records before it loaded"), "truncated");
                _start = _end;
                _eof = true;
                start = length = 0;
                return false;
            }
            start = _start + HeaderBytes;
            length = (int)declared;
            _start += (int)frame;
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + length, FooterBytes));
            if (!_checkData || Crc32C.ComputeMasked(_buffer.AsSpan(start, length)) == stored)
                return true;
            Report(offset, Invariant($"record data checksum mismatch ({length} bytes); record skipped, the rest loads"), "checksum mismatch");
        }
    }

    /// <summary>True when the data checksum of the record <see cref="Next"/> returned at <c>Buffer[start..start+length]</c> holds.</summary>
    public bool DataHolds(int start, int length) =>
        Crc32C.ComputeMasked(_buffer.AsSpan(start, length)) == BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(start + length, FooterBytes));

    /// <summary>
    /// Reads the record whose frame starts at <paramref name="offset"/> again, into a fresh array (for re-reading the
    /// last record). False when it no longer reads whole with valid checksums.
    /// </summary>
    public bool TryReadAt(long offset, out byte[] data)
    {
        data = [];
        Span<byte> header = stackalloc byte[HeaderBytes];
        if (RandomAccess.Read(_file.SafeFileHandle, header, offset) != HeaderBytes
            || Crc32C.ComputeMasked(header[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
            return false;
        var declared = BinaryPrimitives.ReadUInt64LittleEndian(header);
        if (declared > MaxRecordBytes)
            return false;
        var frame = new byte[(int)declared + FooterBytes];
        if (RandomAccess.Read(_file.SafeFileHandle, frame, offset + HeaderBytes) != frame.Length)
            return false;
        var body = frame.AsSpan(0, (int)declared);
        if (Crc32C.ComputeMasked(body) != BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan((int)declared)))
            return false;
        data = body.ToArray();
        return true;
    }

    /// <summary>
    /// After a header whose length checksum failed: finds the next position, from one byte on, where 8 bytes and the 4
    /// after them form a valid header of a record that fits in the file, and continues there. A random match has odds
    /// of 2^-32 per position.
    /// </summary>
    private void Resynchronise(long badOffset)
    {
        _start++;
        while (true)
        {
            if (!Ensure(HeaderBytes))
            {
                var end = _bufferOffset + _end;
                Report(badOffset, Invariant($"record header length checksum mismatch; no valid record follows: {end - badOffset} bytes to the end of the file skipped"), "corrupt record header");
                _start = _end;
                return;
            }
            var fileLength = SafeLength();
            for (var last = _end - HeaderBytes; _start <= last; _start++)
            {
                var header = _buffer.AsSpan(_start, HeaderBytes);
                if (Crc32C.ComputeMasked(header[..8]) != BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))
                    continue;
                var at = _bufferOffset + _start;
                var declared = BinaryPrimitives.ReadUInt64LittleEndian(header);
                if (declared > (ulong)Math.Max(0, fileLength - at - HeaderBytes - FooterBytes))
                    continue;
                Report(badOffset, Invariant($"record header length checksum mismatch; skipped {at - badOffset} bytes to the next valid record header at byte {at}, the rest loads"), "corrupt record header");
                return;
            }
        }
    }

    /// <summary>Skips a record too large to hold (valid header), or reports it cut short. False at the end of the file.</summary>
    private bool SkipLargeRecord(long offset, ulong declared, long frame)
    {
        var fileLength = SafeLength();
        Settled &= !Following;
        // Not offset + frame: a declared length near 2^63 (its checksum can hold) would overflow it to a negative
        // position, and the seek threw.
        if (frame > fileLength - offset && Following)
            return false;
        if (frame > fileLength - offset)
        {
            Report(offset, Invariant($"record cut short at the end of the file: {fileLength - offset} of its {frame} bytes; ignored, the records before it loaded"), "truncated");
            _start = _end;
            _eof = true;
            return false;
        }
        Report(offset, Invariant($"record of {declared} bytes is larger than {MaxRecordBytes >> 20} MB; skipped unchecked, the rest loads"), "record too large");
        _file.Position = offset + frame;
        _bufferOffset = offset + frame;
        _start = _end = 0;
        return true;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from the cursor; false when the file ends first.</summary>
    private bool Ensure(int count)
    {
        while (_end - _start < count)
        {
            if (_eof)
                return false;
            if (_start > 0)
            {
                ByteWindow.Slide(_buffer, ref _start, ref _end, ref _bufferOffset);
            }
            if (count > _buffer.Length)
            {
                ByteWindow.Grow(ref _buffer, _end, Math.Max(count, _buffer.Length * 2));
            }
            try
            {
                if (!ByteWindow.Refill(_file, _buffer, ref _end))
                {
                    // Following a growing file, no bytes now is not the end: the next call tries again.
                    if (Following)
                        return false;
                    _eof = true;
                }
            }
            catch (IOException ex)
            {
                Report(_file.Position, $"cannot read further: {ex.Message}; the records before it loaded", "unreadable data");
                _eof = true;
            }
        }
        return true;
    }

    private long SafeLength()
    {
        try
        {
            return _file.Length;
        }
        catch (IOException)
        {
            return _bufferOffset + _end;
        }
    }

    private void Report(long offset, string message, string reason) =>
        _issues?.Add(new LoadIssue(_path, offset, null, message), reason);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _file.Dispose();
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
