namespace RunLens.Loading;

/// <summary>
/// The base of the loaders' forward-only, read-only streams (a byte counter, a file slice, a checksummer, a zip entry
/// that owns its archive): everything a <see cref="Stream"/> must say besides reading is said once here, so each
/// derived stream keeps only what it adds. Nothing seeks or writes; <see cref="Length"/> and <see cref="Position"/>
/// are not known unless a derived stream knows them.
/// </summary>
internal abstract class ReadOnlyStream : Stream
{
    private readonly Stream? _inner;

    /// <summary>A stream that reads no other stream (it reads a file handle, say).</summary>
    protected ReadOnlyStream()
    {
    }

    /// <summary>A stream that reads through <paramref name="inner"/>, which it owns: disposing it disposes the inner stream.</summary>
    protected ReadOnlyStream(Stream inner) => _inner = inner;

    /// <summary>The stream read through, given to the constructor.</summary>
    protected Stream Inner => _inner ?? throw new InvalidOperationException("This stream was made without an inner stream.");

    public sealed override bool CanRead => true;

    public sealed override bool CanSeek => false;

    public sealed override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public sealed override void Flush()
    {
    }

    public sealed override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public sealed override void SetLength(long value) => throw new NotSupportedException();

    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _inner?.Dispose();
        base.Dispose(disposing);
    }
}
