using System.Globalization;

namespace RunLens.Plotly;

/// <summary>Conversions to plotly values: NaN and infinities become null, which plotly draws as gaps.</summary>
internal static class PlotlyValues
{
    public static double? Gap(double value) => double.IsFinite(value) ? value : null;

    // 9 significant digits (relative error below 5e-9, far under a pixel) instead of up to 17: keeps a chart of
    // 8 curves x 1024 buckets under 1 MB of JSON. Hover labels show 4 digits anyway.
    public static double? Round9(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G9", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    public static double?[] WithGaps(ReadOnlySpan<double> values)
    {
        var result = new double?[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = Gap(values[i]);
        return result;
    }
}
