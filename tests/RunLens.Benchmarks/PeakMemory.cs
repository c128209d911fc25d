using System.Globalization;

namespace RunLens.Benchmarks;

/// <summary>The process's peak resident set size, from the kernel's own high-water mark.</summary>
internal static class PeakMemory
{
    /// <summary>VmHWM from /proc/self/status in bytes, or -1 where there is no /proc (not Linux).</summary>
    public static long Bytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                continue;
            var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }
}
