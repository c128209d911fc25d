using System.Globalization;
using RunLens.Fuzz;
using SharpFuzz;

// RunLens.Fuzz: the fuzzing harnesses of every reader that takes bytes (see Harnesses, README "Fuzzing and bad input").
//   list                          the harnesses
//   seeds DIR                     writes each harness's seed corpus to DIR/<harness>/
//   run HARNESS                   the AFL++ entry (scripts/fuzz starts it under afl-fuzz with an instrumented RunLens.dll)
//   replay HARNESS FILE...        reads inputs (AFL's crashes) once each and prints the outcome or the exception
//   smoke [HARNESS...] [--mutations N]   the in-process pass the test suite runs
if (args.Length == 0)
    return Usage();
// Where the input file is written: scripts/fuzz gives each afl-fuzz its own folder in memory.
static string Scratch() => Environment.GetEnvironmentVariable("RUNLENS_FUZZ_SCRATCH") is { Length: > 0 } given
    ? Directory.CreateDirectory(given).FullName
    : Smoke.Scratch();
switch (args[0])
{
    case "list":
        foreach (var harness in Harnesses.All)
            Console.WriteLine($"{harness.Name,-9} {harness.FileName,-36} {harness.Reader}");
        return 0;
    case "seeds" when args.Length == 2:
        foreach (var harness in Harnesses.All)
        {
            var folder = Directory.CreateDirectory(Path.Combine(args[1], harness.Name)).FullName;
            foreach (var (name, bytes) in Seeds.For(harness.Name))
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
        return 0;
    case "run" when args.Length == 2:
    {
        var harness = Harnesses.Get(args[1]);
        var scratch = Scratch();
        // Out of process: a stack overflow or a crash of the runtime in a reader is a finding, not the end of the fuzzer.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var input = new MemoryStream();
            stream.CopyTo(input);
            harness.Run(input.GetBuffer().AsSpan(0, (int)input.Length), scratch);
        });
        return 0;
    }
    case "replay" when args.Length >= 3:
    {
        var harness = Harnesses.Get(args[1]);
        var scratch = Scratch();
        var failed = 0;
        foreach (var file in args.Skip(2))
        {
            try
            {
                Console.WriteLine($"{file}: {harness.Run(File.ReadAllBytes(file), scratch)}");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failed++;
                Console.WriteLine($"{file}: FINDING {ex}");
            }
        }
        Directory.Delete(scratch, recursive: true);
        return failed == 0 ? 0 : 1;
    }
    case "smoke":
    {
        var mutations = 2000;
        var names = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--mutations" && i + 1 < args.Length)
                mutations = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else
                names.Add(args[i]);
        }
        var failures = 0;
        foreach (var harness in names.Count == 0 ? Harnesses.All : names.Select(Harnesses.Get).ToList())
        {
            var started = DateTime.UtcNow;
            var result = Smoke.Run(harness, mutations, TimeSpan.FromSeconds(10));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{harness.Name,-9} {result.Inputs,6} inputs in {(DateTime.UtcNow - started).TotalSeconds,5:0.0} s, slowest {result.Slowest.TotalMilliseconds,6:0} ms, {result.Failures.Count} findings"));
            foreach (var failure in result.Failures.Take(5))
                Console.WriteLine("  " + failure);
            failures += result.Failures.Count;
        }
        return failures == 0 ? 0 : 1;
    }
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("usage: RunLens.Fuzz list | seeds DIR | run HARNESS | replay HARNESS FILE... | smoke [HARNESS...] [--mutations N]");
    return 1;
}
