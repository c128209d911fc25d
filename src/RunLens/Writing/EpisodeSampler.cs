namespace RunLens;

/// <summary>
/// Picks k of n indices without replacement, deterministically from (seed, update): SplitMix64 drives a partial
/// Fisher-Yates shuffle, so the pick is the same on every machine and .NET version. Returned in ascending order.
/// </summary>
internal static class EpisodeSampler
{
    public static int[] Pick(int n, int k, int seed, long update)
    {
        k = Math.Min(k, n);
        var state = Mix(Mix((ulong)(uint)seed) ^ (ulong)update);
        var indices = new int[n];
        for (var i = 0; i < n; i++)
            indices[i] = i;
        for (var i = 0; i < k; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            // The high half of a 64x64 product maps the draw onto [0, n - i) (Lemire), without modulo's large bias.
            var j = i + (int)Math.BigMul(Mix(state), (ulong)(n - i), out _);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var picked = indices.AsSpan(0, k).ToArray();
        Array.Sort(picked);
        return picked;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
