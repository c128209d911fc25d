namespace RunLens.Tests.Analysis.Statistics;

public class GeneratorAndOptionsTests
{
    // The expected numbers come from a separate Python transcription of the reference C code
    // (prng.di.unimi.it/splitmix64.c and xoshiro256starstar.c, with 64-bit masking on Python ints) and of Lemire's
    // bounded integer: g = X(0); [g.next() for _ in range(3)], and so on.
    [Fact]
    public void Xoshiro_seeded_by_splitmix_gives_the_reference_sequence()
    {
        var generator = new Xoshiro256StarStar(0);
        Assert.Equal(11091344671253066420UL, generator.NextUInt64());
        Assert.Equal(13793997310169335082UL, generator.NextUInt64());
        Assert.Equal(1900383378846508768UL, generator.NextUInt64());
    }

    [Fact]
    public void Bounded_integers_and_doubles_match_the_python_transcription()
    {
        var generator = new Xoshiro256StarStar(12345);
        var draws = Enumerable.Range(0, 20).Select(_ => generator.NextInt(7)).ToArray();
        Assert.Equal([5, 0, 6, 0, 3, 0, 1, 2, 2, 6, 5, 3, 5, 6, 0, 6, 3, 6, 3, 3], draws);
        var doubles = new Xoshiro256StarStar(1);
        Assert.Equal(0.7029218331588505, doubles.NextDouble());
        Assert.Equal(0.5204366199388569, doubles.NextDouble());
    }

    [Fact]
    public void Bootstrap_options_default_to_two_thousand_reps_seed_zero_and_95_percent()
    {
        var options = BootstrapOptions.Default;
        Assert.Equal(2000, options.Reps);
        Assert.Equal(0UL, options.Seed);
        Assert.Equal(0.95, options.Confidence);
        Assert.Equal("bootstrap 95% (2,000 reps, seed 0)", options.Describe());
        Assert.Equal("bootstrap 90% (50,000 reps, seed 7)", (options with { Reps = 50_000, Seed = 7, Confidence = 0.9 }).Describe());
    }

    [Fact]
    public void Bootstrap_options_refuse_no_reps_and_impossible_confidence()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapOptions.Default with { Reps = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapOptions.Default with { Confidence = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapOptions { Confidence = double.NaN });
    }
}
