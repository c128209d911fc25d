namespace RunLens;

/// <summary>
/// A point estimate with a confidence interval (or another band) around it, and the name of the method that made
/// the interval, so a table or a chart can say what its error bars are.
/// </summary>
/// <param name="Estimate">The point estimate (for example the mean, or a metric on the original scores).</param>
/// <param name="Lower">The lower end of the interval; NaN when it cannot be computed (for example one value only).</param>
/// <param name="Upper">The upper end of the interval; NaN when it cannot be computed.</param>
/// <param name="Method">
/// What the interval is, for people: "student-t 95%", "bootstrap 95% (2,000 reps, seed 0)", "std", "min-max".
/// </param>
/// <example>
/// <code>
/// var ci = StudentT.MeanInterval([1.0, 2.0, 3.0]);
/// // ci.Estimate == 2, ci.Lower ~ -0.484, ci.Upper ~ 4.484, ci.Method == "student-t 95%"
/// </code>
/// </example>
public sealed record Interval(double Estimate, double Lower, double Upper, string Method)
{
    /// <summary>The width of the interval, <c>Upper - Lower</c> (NaN when an end is NaN).</summary>
    public double Width => Upper - Lower;

    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">The value to test.</param>
    /// <returns>True when the value is inside the closed interval; false otherwise or when an end is NaN.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
