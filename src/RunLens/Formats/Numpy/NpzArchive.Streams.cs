using Microsoft.Win32.SafeHandles;
using RunLens.Loading;

namespace RunLens.Formats.Numpy;

internal sealed partial class NpzArchive
{
    /// <summary>A read-only window of a file, read by position so members never share a file pointer.</summary>
    private sealed class FileSlice(SafeFileHandle handle, long start, long length) : ReadOnlyStream
    {
        private long _position;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            var want = (int)Math.Min(buffer.Length, length - _position);
            if (want <= 0)
                return 0;
            var got = RandomAccess.Read(handle, buffer[..want], start + _position);
            _position += got;
            return got;
        }
    }

    /// <summary>Counts the bytes read through it and their CRC-32 (the zip checksum, IEEE polynomial).</summary>
    private sealed class CrcStream(Stream inner) : CountingStream(inner)
    {
        public uint Crc { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var got = base.Read(buffer);
            Crc = Crc32Ieee.Append(Crc, buffer[..got]);
            return got;
        }
    }
}
