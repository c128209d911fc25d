namespace RunLens;

// The statistics that come from rliable and the Student-t distribution (src/RunLens/Analysis/Statistics).
public static partial class Aggregate
{
    // rliable's IQM of the seeds' values at one step: a one-task score matrix, seeds as runs.
    private static double Iqm(ReadOnlySpan<double> values) => Rliable.Iqm(Column(values));

    private static (double Lower, double Upper) StudentTBand(ReadOnlySpan<double> values, double confidence)
    {
        var interval = StudentT.MeanInterval(values, confidence);
        return (interval.Lower, interval.Upper);
    }

    // Seeds resampled with replacement at this step (rliable's stratified bootstrap with one task); the statistic is
    // the curve's center. Every step starts from the same seed, so where the seed count is the same the same seed
    // indices are drawn at every step, as rliable's sample-efficiency curves resample runs once for all frames.
    private static (double Lower, double Upper) BootstrapBand(ReadOnlySpan<double> values, AggregateOptions options)
    {
        var kind = options.Center;
        var interval = Rliable.Bootstrap(Column(values), m => Center(m.Select(row => row[0]).ToArray(), kind), BootstrapOf(options));
        return (interval.Lower, interval.Upper);
    }

    private static BootstrapOptions BootstrapOf(AggregateOptions options) =>
        (options.Bootstrap ?? BootstrapOptions.Default) with { Confidence = options.Confidence };

    private static string BootstrapName(AggregateOptions options, string center) =>
        $"{BootstrapOf(options).Describe()} percentile CI of the {center}, seeds resampled at each step (none below 2 seeds)";

    private static double[][] Column(ReadOnlySpan<double> values)
    {
        var matrix = new double[values.Length][];
        for (var i = 0; i < values.Length; i++)
            matrix[i] = [values[i]];
        return matrix;
    }
}
