namespace RunLens;

public static partial class Aggregate
{
    private static double Iqm(ReadOnlySpan<double> values) => throw new NotSupportedException("IQM needs f-stats");

    private static (double Lower, double Upper) StudentTBand(ReadOnlySpan<double> values, double confidence)
    {
        var interval = StudentT.MeanInterval(values, confidence);
        return (interval.Lower, interval.Upper);
    }

    private static (double Lower, double Upper) BootstrapBand(ReadOnlySpan<double> values, AggregateOptions options) =>
        throw new NotSupportedException("bootstrap needs f-stats");

    private static string BootstrapName(AggregateOptions options, string center, string percent) => "bootstrap";
}
