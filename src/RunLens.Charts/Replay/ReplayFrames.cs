namespace RunLens;

/// <summary>
/// Which steps of an episode become frames: all of them up to the limit, else every k-th step plus the last. Each
/// frame stands for the steps from its own up to the next frame's, so tracks can show each stretch's min and max.
/// </summary>
internal sealed class ReplayFrames
{
    private ReplayFrames(int[] steps, int length, int stride)
    {
        Steps = steps;
        Length = length;
        Stride = stride;
    }

    /// <summary>The step of each frame, ascending, starting at 0 and ending at the last step.</summary>
    public int[] Steps { get; }

    /// <summary>The number of steps in the episode's trajectory.</summary>
    public int Length { get; }

    /// <summary>1 when every step is a frame.</summary>
    public int Stride { get; }

    public int Count => Steps.Length;

    public bool Decimated => Stride > 1;

    public static ReplayFrames Of(int length, int maxSteps)
    {
        if (length <= maxSteps)
            return new ReplayFrames(Enumerable.Range(0, length).ToArray(), length, 1);
        // maxSteps - 1 strides cover the episode so that, with the last step added, at most maxSteps frames remain.
        var stride = (int)Math.Ceiling((length - 1) / (double)(maxSteps - 1));
        var steps = new List<int>();
        for (var s = 0; s < length; s += stride)
            steps.Add(s);
        if (steps[^1] != length - 1)
            steps.Add(length - 1);
        return new ReplayFrames(steps.ToArray(), length, stride);
    }

    /// <summary>The first step after frame <paramref name="frame"/>'s stretch.</summary>
    public int End(int frame) => frame + 1 < Steps.Length ? Steps[frame + 1] : Length;

    /// <summary>The frame whose stretch holds <paramref name="step"/>.</summary>
    public int FrameOf(int step)
    {
        var i = Array.BinarySearch(Steps, step);
        return i >= 0 ? i : ~i - 1;
    }

    public double[] Pick(IReadOnlyList<double> values)
    {
        var picked = new double[Steps.Length];
        for (var f = 0; f < Steps.Length; f++)
            picked[f] = Steps[f] < values.Count ? values[Steps[f]] : double.NaN;
        return picked;
    }

    public T[] Pick<T>(IReadOnlyList<T> values, T missing)
    {
        var picked = new T[Steps.Length];
        for (var f = 0; f < Steps.Length; f++)
            picked[f] = Steps[f] < values.Count ? values[Steps[f]] : missing;
        return picked;
    }

    /// <summary>The lowest and highest finite value of each frame's stretch (NaN for a stretch without one).</summary>
    public (double[] Min, double[] Max) Range(IReadOnlyList<double> values)
    {
        var min = new double[Steps.Length];
        var max = new double[Steps.Length];
        for (var f = 0; f < Steps.Length; f++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var s = Steps[f]; s < End(f) && s < values.Count; s++)
            {
                var v = values[s];
                if (double.IsFinite(v))
                {
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
            }
            (min[f], max[f]) = lo <= hi ? (lo, hi) : (double.NaN, double.NaN);
        }
        return (min, max);
    }
}
