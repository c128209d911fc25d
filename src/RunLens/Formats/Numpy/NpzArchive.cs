using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace RunLens.Formats.Numpy;

/// <summary>One <c>.npy</c> member of an <c>.npz</c> archive, as its zip directory describes it.</summary>
/// <param name="FileName">The member's name in the zip (<c>results.npy</c>).</param>
/// <param name="HeaderOffset">Where the member's local header starts in the file.</param>
/// <param name="Method">The compression: 0 stored (<c>np.savez</c>), 8 deflated (<c>np.savez_compressed</c>).</param>
/// <param name="Crc">The CRC-32 of the uncompressed bytes.</param>
/// <param name="CompressedSize">The bytes the member takes in the file.</param>
/// <param name="Size">The uncompressed bytes.</param>
internal sealed record NpzMember(string FileName, long HeaderOffset, int Method, uint Crc, long CompressedSize, long Size)
{
    /// <summary>The array name: the file name without <c>.npy</c>, as <c>np.load</c> keys it.</summary>
    public string Name => FileName.EndsWith(".npy", StringComparison.Ordinal) ? FileName[..^4] : FileName;

    /// <summary>True when the file ends inside this member (found by walking local headers of a cut file).</summary>
    public bool CutShort { get; init; }
}

/// <summary>
/// An <c>.npz</c> file: a zip of <c>.npy</c> arrays, stored or deflated, as <c>np.savez</c> and
/// <c>np.savez_compressed</c> write them (zip64 records included: numpy forces them). Opening reads only the zip
/// directory; each array is read when asked for, so a file holding a large observation array costs nothing until
/// that array is wanted. The zip structure is read here rather than through <see cref="ZipArchive"/> because
/// ZipArchive cannot open a file whose central directory was lost (a process killed while <c>np.savez</c> rewrote
/// the file) and does not tell where a member lies, which every problem report needs; decompression is
/// <see cref="DeflateStream"/>'s. Each member's CRC-32 is checked when it is read whole.
/// </summary>
internal sealed partial class NpzArchive : IDisposable
{
    private const uint LocalSignature = 0x04034b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint End64Signature = 0x06064b50;
    private const uint End64LocatorSignature = 0x07064b50;
    private const uint DescriptorSignature = 0x08074b50;
    private const long MaxDirectoryBytes = 64 << 20;

    private readonly SafeFileHandle _handle;

    private NpzArchive(string path, SafeFileHandle handle, long length)
    {
        Path = path;
        _handle = handle;
        Length = length;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's size.</summary>
    public long Length { get; }

    /// <summary>The members, in the zip directory's order.</summary>
    public IReadOnlyList<NpzMember> Members { get; private set; } = [];

    /// <summary>
    /// Opens the archive and reads its directory. A file without a readable central directory is walked by its local
    /// headers instead, keeping every member that is whole; each problem is added to <paramref name="issues"/>.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static NpzArchive Open(string path, List<LoadIssue> issues)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var archive = new NpzArchive(path, handle, RandomAccess.GetLength(handle));
            archive.Members = archive.ReadDirectory(out var problem) ?? archive.WalkLocalHeaders(problem, issues);
            return archive;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The member holding array <paramref name="name"/>, or null.</summary>
    public NpzMember? Find(string name) => Members.FirstOrDefault(m => m.Name == name);

    /// <summary>Reads only the header of a member (a few hundred bytes, decompressed when needed); null with an issue when it is unreadable.</summary>
    public NpyHeader? ReadHeader(NpzMember member, List<LoadIssue> issues)
    {
        if (Open(member, issues) is not { } opened)
            return null;
        using var stream = opened.Stream;
        try
        {
            return NpyHeader.Read(stream);
        }
        catch (NpyFormatException ex)
        {
            issues.Add(Issue(member, opened.DataOffset, ex.Position, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            issues.Add(Issue(member, opened.DataOffset, stream.Position, $"cannot be read ({ex.Message})"));
        }
        return null;
    }

    /// <summary>Reads the array named <paramref name="name"/>; null when absent (no issue) or unreadable (with an issue).</summary>
    public NpyArray? Read(string name, List<LoadIssue> issues) => Find(name) is { } member ? Read(member, issues) : null;

    /// <summary>
    /// Reads a whole numeric array. An object array (pickled Python objects), an unsupported dtype, a cut or corrupt
    /// member gives null and an issue naming the file, the array and the byte offset; other members are unaffected.
    /// </summary>
    public NpyArray? Read(NpzMember member, List<LoadIssue> issues)
    {
        if (Open(member, issues) is not { } opened)
            return null;
        using var stream = opened.Stream;
        try
        {
            var header = NpyHeader.Read(stream);
            if (!header.DType.IsNumeric)
            {
                issues.Add(Issue(member, opened.DataOffset, 0, NotNumeric(header.DType)));
                return null;
            }
            long? available = member.CutShort ? null : member.Size - header.DataOffset;
            var array = NpyArray.Read(stream, header, member.Name, available);
            // The CRC covers the whole member: read anything after the data (numpy writes nothing there) to finish it.
            stream.CopyTo(Stream.Null);
            if (!member.CutShort && stream.Position == member.Size && stream.Crc != member.Crc)
            {
                issues.Add(Issue(member, opened.DataOffset, header.DataOffset,
                    FormattableString.Invariant($"checksum mismatch (CRC-32 {stream.Crc:x8}, the zip says {member.Crc:x8}): the bytes are corrupt")));
                return null;
            }
            return new NpyArray(array.Name, array.DType, array.Shape, array.Data)
            {
                FileOffset = opened.DataOffset is { } d ? d + header.DataOffset : member.HeaderOffset,
                Compressed = opened.DataOffset is null,
            };
        }
        catch (NpyFormatException ex)
        {
            issues.Add(Issue(member, opened.DataOffset, ex.Position, ex.Message));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            issues.Add(Issue(member, opened.DataOffset, stream.Position, $"cannot be decompressed ({ex.Message})"));
        }
        return null;
    }

    /// <summary>Why a dtype is not read, in the words the notes use.</summary>
    public static string NotNumeric(NpyDType dtype) => dtype.Kind == NpyKind.Object
        ? "object array (pickled Python objects) not read"
        : $"dtype '{dtype.Descr}' is not a number type RunLens reads; not read";

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private (CrcStream Stream, long? DataOffset)? Open(NpzMember member, List<LoadIssue> issues)
    {
        if (member.Method is not (0 or 8))
        {
            issues.Add(Issue(member, null, 0, FormattableString.Invariant($"compression method {member.Method} is not supported (numpy writes 0 or 8)")));
            return null;
        }
        Span<byte> local = stackalloc byte[30];
        if (RandomAccess.Read(_handle, local, member.HeaderOffset) < 30 || BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalSignature)
        {
            issues.Add(Issue(member, null, 0, "its local zip header is missing or damaged"));
            return null;
        }
        var dataOffset = member.HeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
        var length = Math.Max(0, Math.Min(member.CompressedSize, Length - dataOffset));
        Stream data = new FileSlice(_handle, dataOffset, length);
        if (member.Method == 8)
            data = new DeflateStream(data, CompressionMode.Decompress);
        // Only stored members have file offsets for their bytes; a deflated member's problems are placed at its start.
        return (new CrcStream(data), member.Method == 0 ? dataOffset : null);
    }

    /// <summary>
    /// An issue for a member: at the file offset of the byte for stored members, at the member's header for deflated
    /// ones (with the position in the uncompressed array in the message).
    /// </summary>
    private LoadIssue Issue(NpzMember member, long? dataOffset, long position, string message)
    {
        var where = dataOffset is null && position > 0
            ? FormattableString.Invariant($" (byte {position} of the uncompressed .npy)")
            : "";
        return new LoadIssue(Path, dataOffset is { } d ? d + position : member.HeaderOffset, null,
            $"array '{member.Name}' ({member.FileName}): {message}{where}; the array is not loaded, the other arrays are");
    }

    /// <summary>Reads the central directory; null (with <paramref name="problem"/>) when there is none to read.</summary>
    private List<NpzMember>? ReadDirectory(out string problem)
    {
        problem = "";
        if (Length < 22)
        {
            problem = "too short for a zip file";
            return null;
        }
        var tail = new byte[(int)Math.Min(Length, 22 + 0xFFFF + 20)];
        var tailStart = Length - tail.Length;
        RandomAccess.Read(_handle, tail, tailStart);
        var end = -1;
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature)
            {
                end = i;
                break;
            }
        }
        if (end < 0)
        {
            problem = "no zip end record (the file was cut short?)";
            return null;
        }
        var eocd = tail.AsSpan(end);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(eocd[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(eocd[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(eocd[16..]);
        if (end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == End64LocatorSignature)
        {
            var end64 = (long)BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 20 + 8));
            Span<byte> record = stackalloc byte[56];
            if (end64 < 0 || end64 > Length - 56 || RandomAccess.Read(_handle, record, end64) < 56
                || BinaryPrimitives.ReadUInt32LittleEndian(record) != End64Signature)
            {
                problem = "the zip64 end record is damaged";
                return null;
            }
            entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(record[32..]);
            size = (long)BinaryPrimitives.ReadUInt64LittleEndian(record[40..]);
            offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(record[48..]);
        }
        if (offset < 0 || size < 0 || size > MaxDirectoryBytes || offset + size > tailStart + end)
        {
            problem = "the zip directory points outside the file";
            return null;
        }
        var directory = new byte[size];
        RandomAccess.Read(_handle, directory, offset);
        var members = new List<NpzMember>();
        var at = 0;
        for (long k = 0; k < entries; k++)
        {
            if (at + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) != CentralSignature)
            {
                problem = FormattableString.Invariant($"zip directory entry {k} is damaged");
                return null;
            }
            var e = directory.AsSpan(at);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(e[10..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(e[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(e[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(e[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(e[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(e[32..]);
            long local = BinaryPrimitives.ReadUInt32LittleEndian(e[42..]);
            if (at + 46 + nameLength + extraLength + commentLength > directory.Length)
            {
                problem = FormattableString.Invariant($"zip directory entry {k} is damaged");
                return null;
            }
            var name = Encoding.UTF8.GetString(e.Slice(46, nameLength));
            ReadZip64(e.Slice(46 + nameLength, extraLength), ref uncompressed, ref compressed, ref local);
            members.Add(new NpzMember(name, local, method, crc, compressed, uncompressed));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return members;
    }

    /// <summary>
    /// Recovers the members of a file without a central directory by walking its local headers from the start;
    /// stops at the first member the file ends inside (kept, marked cut short) or at anything that is not a header.
    /// </summary>
    private List<NpzMember> WalkLocalHeaders(string problem, List<LoadIssue> issues)
    {
        var members = new List<NpzMember>();
        var header = new byte[30];
        long at = 0;
        while (at + 30 <= Length)
        {
            RandomAccess.Read(_handle, header, at);
            var h = header.AsSpan();
            if (BinaryPrimitives.ReadUInt32LittleEndian(h) != LocalSignature)
                break;
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(h[6..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(h[14..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(h[18..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(h[22..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[26..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
            var variable = new byte[nameLength + extraLength];
            if (RandomAccess.Read(_handle, variable, at + 30) < variable.Length)
                break;
            var name = Encoding.UTF8.GetString(variable, 0, nameLength);
            long ignored = 0;
            ReadZip64(variable.AsSpan(nameLength), ref uncompressed, ref compressed, ref ignored);
            var dataStart = at + 30 + nameLength + extraLength;
            if ((flags & 8) != 0 && compressed == 0)
            {
                // Sizes follow the data (a zip written to a pipe): a stored member's end cannot be found from here.
                issues.Add(new LoadIssue(Path, at, null, $"array '{name}': its size is only in a data descriptor; it and the arrays after it are not read"));
                break;
            }
            var cut = dataStart + compressed > Length;
            members.Add(new NpzMember(name, at, method, crc, compressed, uncompressed) { CutShort = cut });
            if (cut)
                break;
            at = dataStart + compressed;
            if ((flags & 8) != 0)
                at += SkipDescriptor(at);
        }
        issues.Add(new LoadIssue(Path, Math.Min(at, Length), null, members.Count == 0
            ? $"not a readable .npz ({problem}, and no zip member at the start); nothing is loaded from it"
            : FormattableString.Invariant($"{problem}: read the {members.Count} member(s) found from the start of the file; arrays after byte {at} are lost")));
        return members;
    }

    private long SkipDescriptor(long at)
    {
        Span<byte> signature = stackalloc byte[4];
        var signed = RandomAccess.Read(_handle, signature, at) == 4 && BinaryPrimitives.ReadUInt32LittleEndian(signature) == DescriptorSignature;
        return signed ? 16 : 12;
    }

    /// <summary>Applies a zip64 extra field: each 64-bit value is present only when its 32-bit field is 0xFFFFFFFF.</summary>
    private static void ReadZip64(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long local)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + length > extra.Length)
                return;
            if (id == 1)
            {
                var data = extra.Slice(4, length);
                if (uncompressed == uint.MaxValue && data.Length >= 8)
                {
                    uncompressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(data);
                    data = data[8..];
                }
                if (compressed == uint.MaxValue && data.Length >= 8)
                {
                    compressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(data);
                    data = data[8..];
                }
                if (local == uint.MaxValue && data.Length >= 8)
                    local = (long)BinaryPrimitives.ReadUInt64LittleEndian(data);
                return;
            }
            extra = extra[(4 + length)..];
        }
    }
}
