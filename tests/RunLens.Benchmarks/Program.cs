using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RunLens.Benchmarks;

/// <summary>
/// <c>bdn [BenchmarkDotNet args]</c>: micro-benchmarks. <c>scan --size 2GB [--positions few|many] [--threads N] [--data DIR]</c>:
/// a whole-process scan of a generated experiment next to the tokenising ceiling on the same files. <c>scale</c>: the
/// scan's peak memory at 0.2, 2 and 20 GB of many positions. <c>formats --size 200MB</c>: the same for TensorBoard, CSV and
/// MLflow runs. <c>steps --size 2GB</c>: <see cref="Run.StepEpisodes"/> on the largest run of that experiment.
/// <c>giant [--size 200MB]</c>: peak memory of a scan with one record holding a string of that size, against the same run
/// without it. <c>export [--count N]</c>: figures per second saved as PNG, SVG and PDF, and the first figure's latency.
/// <c>live --size 2GB --append 10MB</c>: the bytes and time of bringing a followed run up to date after an append
/// (<c>--format mlflow-sqlite --rows 1000000 --append-rows 10000</c>: the same for an MLflow SQLite store, in rows).
/// <c>--scan-only DIR [--threads N]</c>, <c>--ceiling-only DIR</c> (the scan's tokenising ceiling),
/// <c>--steps-only DIR</c>, <c>--formats-scan</c>, <c>--read-only</c> and <c>--formats-ceiling DIR --format NAME</c>:
/// the children those modes start.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "bdn" => RunBenchmarkDotNet(args[1..]),
                "scan" => ScanRunner.Run(Arguments.Parse(args[1..])),
                "formats" => FormatsRunner.Run(Arguments.Parse(args[1..])),
                "steps" => StepEpisodesRunner.Run(Arguments.Parse(args[1..])),
                "scale" => ScaleRunner.Run(Arguments.Parse(args[1..])),
                "giant" => GiantValueRunner.Run(Arguments.Parse(args[1..])),
                "export" => ExportRunner.Run(args[1..]),
                "live" => LiveRunner.Run(Arguments.Parse(args[1..])),
                "--scan-only" => ScanChild.Run(Arguments.Parse(args)),
                CeilingChild.Flag => CeilingChild.Run(Arguments.Parse(args)),
                StepEpisodesChild.Flag => StepEpisodesChild.Run(Arguments.Parse(args)),
                FormatsChild.ScanFlag or FormatsChild.ReadOnlyFlag or FormatsChild.CeilingFlag => FormatsChild.Run(Arguments.Parse(args)),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return Usage();
        }
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        // In-process: BenchmarkDotNet 0.14 predates .NET 10 and its out-of-process toolchain may not build for it.
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage:
              dotnet run -c Release --project tests/RunLens.Benchmarks -- bdn --filter *
              dotnet run -c Release --project tests/RunLens.Benchmarks -- scan --size 2GB [--positions few|many] [--file-size 50MB] [--layout mixed|flat|nested] [--repeat N] [--threads N] [--data DIR] [--regenerate]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- scale [--sizes 0.2GB,2GB,20GB] [--file-size 50MB] [--layout mixed|flat|nested] [--threads N] [--data DIR]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- formats --size 200MB [--threads N] [--data DIR]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- scan --size 2GB [--threads N] [--data DIR] [--regenerate]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- formats --size 200MB [--threads N] [--data DIR] [--only tensorboard|sb3-progress-csv|mlflow] [--tb-files-per-run N]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- steps --size 2GB [--data DIR]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- giant [--size 200MB] [--records 100000] [--data DIR]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- export [--count 20] [--run RUN_DIR]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- live [--size 2GB] [--append 10MB] [--data DIR] [--keep]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- live --format mlflow-sqlite [--rows 1000000] [--append-rows 10000] [--data DIR] [--keep]
              dotnet run -c Release --project tests/RunLens.Benchmarks -- --scan-only DIR [--threads N]
            """);
        return 1;
    }
}
