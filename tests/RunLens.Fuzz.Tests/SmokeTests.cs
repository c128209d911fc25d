using System.Globalization;
using Xunit.Abstractions;

namespace RunLens.Fuzz.Tests;

/// <summary>
/// CI's fuzzing smoke pass (issue 17, part 4): every seed of every harness and a few thousand deterministic
/// mutations of them, through the same harness code AFL runs, in-process, each input bounded in time. A finding
/// prints the input as a byte literal to paste into <see cref="RegressionTests"/>. The whole pass takes seconds.
/// </summary>
public class SmokeTests(ITestOutputHelper output)
{
    /// <summary>Mutations per harness (spread over its seeds).</summary>
    private const int Mutations = 3000;

    /// <summary>Far above the slowest input measured (under 0.2 s, its first JIT included), so only a hang trips it.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Names() => [.. Harnesses.All.Select(h => h.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_seed_and_its_mutations_read_without_an_escaping_exception_a_hang_or_a_silent_drop(string harness)
    {
        var result = Smoke.Run(Harnesses.Get(harness), Mutations, PerInput);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{harness}: {result.Inputs} inputs, slowest {result.Slowest.TotalMilliseconds:0} ms"));
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.True(result.Inputs > Mutations, "the pass ran its mutations");
    }

    [Fact]
    public void Every_harness_has_seeds_that_read_records()
    {
        // The seeds are valid files: a harness whose seeds already fail explores nothing past the first error.
        var scratch = Smoke.Scratch();
        try
        {
            foreach (var harness in Harnesses.All)
            {
                foreach (var (name, bytes) in Seeds.For(harness.Name))
                {
                    if (harness.Name == "pickle" && name.StartsWith("os_system", StringComparison.Ordinal))
                        continue; // the hostile pickles: they must be refused with an issue, which the smoke pass checks
                    var outcome = harness.Run(bytes, scratch);
                    Assert.True(outcome.Records > 0, $"{harness.Name}/{name}: {outcome}");
                }
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
