namespace RunLens;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, https://prng.di.unimi.it/xoshiro256starstar.c), seeded by
/// expanding one 64-bit seed with SplitMix64 as its authors recommend. Used instead of <see cref="Random"/>, whose
/// sequence for a seed is not promised to stay the same across .NET versions: bootstrap intervals must not change
/// when the runtime does.
/// </summary>
internal sealed class Xoshiro256StarStar
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator whose whole sequence is fixed by <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>) without modulo bias, by Lemire's multiply-and-reject
    /// (https://arxiv.org/abs/1805.10941): the high 64 bits of <c>next * bound</c>, redrawing the rare low products
    /// that would favour some values.
    /// </summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var s = (ulong)bound;
        var high = Math.BigMul(NextUInt64(), s, out var low);
        if (low < s)
        {
            var threshold = (0 - s) % s;
            while (low < threshold)
                high = Math.BigMul(NextUInt64(), s, out low);
        }
        return (int)high;
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
