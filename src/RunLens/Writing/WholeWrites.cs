using System.Buffers;

namespace RunLens;

/// <summary>
/// A file stream that hands the operating system only what was written between two flushes, in one write: the log
/// writers flush at record boundaries, so a reader following the file (a watch) never meets half a record, even in
/// a gzip file, whose compressor emits bytes mid-record (its flush is a sync flush: everything before it decompresses).
/// A <see cref="FileStream"/>'s own buffer would write whenever it fills, splitting a record. Memory is bounded by
/// the writers: they flush every <see cref="LogJson.FlushThreshold"/> bytes of records.
/// </summary>
internal sealed class WholeWrites : Stream
{
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _pending = new(LogJson.FlushThreshold);

    public WholeWrites(FileStream file) => _file = file;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override void WriteByte(byte value) => _pending.Write([value]);

    /// <summary>Writes what was written since the last flush, whole.</summary>
    public override void Flush()
    {
        if (_pending.WrittenCount > 0)
        {
            _file.Write(_pending.WrittenSpan);
            _pending.Clear();
        }
        _file.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
