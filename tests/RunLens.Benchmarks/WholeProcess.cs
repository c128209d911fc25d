using System.Diagnostics;
using System.Text.Json;

namespace RunLens.Benchmarks;

/// <summary>
/// What a child cost as a whole process, runtime start-up and JIT included: wall seconds since the process started
/// and the CPU seconds of all its threads. On the shared machine CPU seconds are the steadier figure.
/// </summary>
internal static class WholeProcess
{
    public static void Write(Utf8JsonWriter json)
    {
        using var self = Process.GetCurrentProcess();
        json.WriteNumber("process_seconds", (DateTime.Now - self.StartTime).TotalSeconds);
        json.WriteNumber("cpu_seconds", self.TotalProcessorTime.TotalSeconds);
        // Allocation volume and collections: fresh gen0 memory is zeroed and page-faulted in, which a profile shows
        // as memset and kernel time spread over whatever allocated next, not at the allocation that caused it.
        json.WriteNumber("allocated_bytes", GC.GetTotalAllocatedBytes(precise: false));
        json.WriteNumber("gen0_collections", GC.CollectionCount(0));
    }
}
