using System.Diagnostics;
using System.Globalization;

namespace RunLens.Benchmarks;

/// <summary>
/// Waits, before the measured child starts, until the machine's other work has died down. <c>dotnet run</c> builds
/// first, and the SDK's own process keeps about 0.7 of a core busy for 2-3 s after it has started this program; on a
/// 2-core machine that ran alongside the scan and took a third or more off a 200 MB figure. Not a speed-up of the
/// scan: the child's own figures are the same as when it is started by hand on an idle machine.
/// </summary>
internal static class QuietMachine
{
    private const double QuietFraction = 0.10;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Returns how long it waited; prints it when that was noticeable. No-op where there is no /proc/stat.</summary>
    public static TimeSpan Wait()
    {
        var clock = Stopwatch.StartNew();
        if (Ticks() is not { } before)
            return TimeSpan.Zero;
        var busy = 1.0;
        var quiet = 0;
        // Two quiet windows in a row: the SDK's tail comes in bursts.
        while (clock.Elapsed < Limit)
        {
            Thread.Sleep(Window);
            if (Ticks() is not { } now || now.Total == before.Total)
                break;
            busy = (double)(now.Busy - before.Busy) / (now.Total - before.Total);
            before = now;
            quiet = busy < QuietFraction ? quiet + 1 : 0;
            if (quiet == 2)
                break;
        }
        if (clock.Elapsed > 2 * Window)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"waited {clock.Elapsed.TotalSeconds:0.0} s for other processes to finish (last {busy:P0} of the CPUs busy)"));
        return clock.Elapsed;
    }

    /// <summary>Busy and total jiffies over all CPUs from the first line of /proc/stat.</summary>
    private static (long Busy, long Total)? Ticks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            var idle = fields[3] + fields[4];
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
