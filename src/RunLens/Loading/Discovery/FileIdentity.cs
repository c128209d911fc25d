using System.Runtime.InteropServices;

namespace RunLens.Loading.Discovery;

/// <summary>
/// What makes a file or folder itself on its file system: its device and inode. Two paths with one identity are one
/// file, even when no link shows it: a hard link (<c>cp -al</c> backups, deduplicating storage) or a folder mounted
/// twice (<c>mount --bind</c>). Read with Linux's <c>statx</c>, whose struct layout is the same on every
/// architecture (unlike <c>stat</c>'s); elsewhere, or on a kernel or libc without it, there is no identity and
/// discovery relies on real paths alone.
/// </summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    // Offsets in struct statx (linux/stat.h): stx_ino at 32, stx_dev_major and stx_dev_minor at 136 and 140.
    private const int InodeOffset = 32;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The identity of what <paramref name="path"/> names (links followed), or null where it cannot be read.</summary>
    public static FileIdentity? Of(string path)
    {
        if (_unavailable)
            return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (statx(AtFdCwd, path, 0, StatxIno, buffer) != 0)
                return null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // glibc before 2.28 or another libc: no identities, for the rest of the process too.
            _unavailable = true;
            return null;
        }
        var inode = BitConverter.ToUInt64(buffer, InodeOffset);
        var device = ((ulong)BitConverter.ToUInt32(buffer, DevMajorOffset) << 32) | BitConverter.ToUInt32(buffer, DevMinorOffset);
        return new FileIdentity(device, inode);
    }

#pragma warning disable SYSLIB1054 // LibraryImport would generate the same marshalling; a plain byte[] needs none.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}
