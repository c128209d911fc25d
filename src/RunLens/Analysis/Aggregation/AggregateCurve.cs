using System.Globalization;

namespace RunLens;

/// <summary>
/// One group's runs summarised step by step: a center line, a band and the number of seeds behind each step. Arrays
/// have one entry per step; NaN marks a gap (no seed there, or a band that is undefined there, such as a Student-t
/// interval from one seed).
/// </summary>
/// <param name="Group">The group's label: a variant name, or hyperparameter values such as <c>learning_rate=0.0003</c>.</param>
/// <param name="Metric">The metric's name as asked for (a logged name or a role lookup name).</param>
/// <param name="Steps">The grid's steps, strictly increasing.</param>
/// <param name="Center">The center statistic over the seeds present at each step (NaN where none is).</param>
/// <param name="Lower">The band's lower edge (NaN where the band is undefined).</param>
/// <param name="Upper">The band's upper edge (NaN where the band is undefined).</param>
/// <param name="Seeds">How many runs have a finite value at each step: it drops where shorter runs end.</param>
public sealed record AggregateCurve(
    string Group, string Metric, long[] Steps, double[] Center, double[] Lower, double[] Upper, int[] Seeds)
{
    /// <summary>
    /// What was computed, in words for a chart subtitle or a paper's caption: center, band, grid, interpolation,
    /// duplicate steps and smoothing.
    /// </summary>
    public string Method { get; init; } = "";

    /// <summary>The names of the runs aggregated (runs without a point of the metric are not here; see <see cref="Notes"/>).</summary>
    public IReadOnlyList<string> Runs { get; init; } = [];

    /// <summary>The steps where <see cref="Seeds"/> is lower than at the step before: where a chart should mark that
    /// the curve now rests on fewer seeds.</summary>
    public IReadOnlyList<long> SeedDrops { get; init; } = [];

    /// <summary>What a reader should know: runs left out for lack of the metric, duplicate steps averaged.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What <see cref="Steps"/> are: <c>step</c>, or the field given as <see cref="AggregateOptions.X"/>.</summary>
    public string X { get; init; } = "step";

    /// <summary>The number of steps.</summary>
    public int Count => Steps.Length;

    /// <inheritdoc />
    public override string ToString()
    {
        if (Steps.Length == 0)
            return $"{Group} {Metric}: no steps ({Runs.Count} runs)";
        var seeds = Seeds.Length == 0 ? "" : Seeds.Max() == Seeds.Min()
            ? string.Create(CultureInfo.InvariantCulture, $"{Seeds[0]} seeds")
            : string.Create(CultureInfo.InvariantCulture, $"{Seeds.Min()}-{Seeds.Max()} seeds");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Group} {Metric}: {Steps.Length} steps {Steps[0]}..{Steps[^1]}, {seeds}; {Method}");
    }
}
