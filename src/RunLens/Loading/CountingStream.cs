namespace RunLens.Loading;

/// <summary>
/// A read-only pass-through that counts the bytes read, so a reader can say how far it got on disk whatever the
/// stream is (a zip entry's stream has no <see cref="Stream.Position"/>), or whether a whole <c>.npz</c> member was read
/// before its CRC is checked. <see cref="Position"/> is the count.
/// </summary>
internal class CountingStream(Stream inner) : ReadOnlyStream(inner)
{
    /// <summary>Bytes read from the inner stream so far.</summary>
    public long BytesRead { get; private set; }

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        BytesRead += read;
        return read;
    }
}
