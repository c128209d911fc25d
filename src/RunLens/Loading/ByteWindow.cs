using System.Buffers;

namespace RunLens.Loading;

/// <summary>
/// The moves of the pooled byte window every streaming reader keeps over its file (<c>buffer[start..end)</c>
/// unread, <c>buffer[0]</c> at file offset <c>bufferOffset</c>): sliding the unread bytes to the front before a
/// refill, growing the buffer through the pool when one record does not fit, and the refill. Catching a failed read
/// stays with each reader, since what a read error means (and where it is reported) differs by format.
/// </summary>
internal static class ByteWindow
{
    /// <summary>Moves the unread bytes to the front of <paramref name="buffer"/>; the file offset of the front follows.</summary>
    public static void Slide(byte[] buffer, ref int start, ref int end, ref long bufferOffset)
    {
        buffer.AsSpan(start, end - start).CopyTo(buffer);
        bufferOffset += start;
        end -= start;
        start = 0;
    }

    /// <summary>
    /// Replaces <paramref name="buffer"/> with a pooled one of at least <paramref name="size"/> bytes that starts with
    /// its first <paramref name="used"/> bytes, and returns the old one to the pool.
    /// </summary>
    public static void Grow(ref byte[] buffer, int used, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>
    /// Reads more of <paramref name="stream"/> into the free end of <paramref name="buffer"/>, moving
    /// <paramref name="end"/> past it; false when the stream has nothing more.
    /// </summary>
    public static bool Refill(Stream stream, byte[] buffer, ref int end)
    {
        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        return read > 0;
    }
}
