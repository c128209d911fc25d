namespace RunLens;

public static partial class Aggregate
{
    // The statistics of one grid step, over the finite values of the seeds present there.
    private static double Center(ReadOnlySpan<double> values, CenterKind kind) => kind switch
    {
        CenterKind.Median => Median(values),
        CenterKind.Iqm => Iqm(values),
        _ => Mean(values),
    };

    private static (double Lower, double Upper) Band(ReadOnlySpan<double> values, double center, AggregateOptions options)
    {
        var n = values.Length;
        switch (options.Band)
        {
            case BandKind.MinMax when n > 0:
                var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
                foreach (var v in values)
                    (min, max) = (Math.Min(min, v), Math.Max(max, v));
                return (min, max);
            // One seed has no spread and no uncertainty to show: a gap, not a zero-width band that looks certain.
            case BandKind.Std when n >= 2:
                var sd = StandardDeviation(values);
                return (center - sd, center + sd);
            case BandKind.StudentT when n >= 2:
                return StudentTBand(values, options.Confidence);
            case BandKind.Bootstrap when n >= 2:
                return BootstrapBand(values, options);
            default:
                return (double.NaN, double.NaN);
        }
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
            sum += v;
        return sum / values.Length;
    }

    private static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    // The sample standard deviation (n - 1), as W&B, Aim and numpy's ddof=1 give it.
    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        var mean = Mean(values);
        double squares = 0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Length - 1));
    }

    private static string BandName(AggregateOptions options, string center)
    {
        var percent = StudentT.FormatConfidence(options.Confidence);
        return options.Band switch
        {
            BandKind.StudentT => $"student-t {percent} CI of the mean (none below 2 seeds)",
            BandKind.Bootstrap => BootstrapName(options, center),
            BandKind.Std => $"{center} ± 1 std over seeds (n − 1; none below 2 seeds)",
            BandKind.MinMax => "min-max over seeds",
            _ => "none",
        };
    }
}
