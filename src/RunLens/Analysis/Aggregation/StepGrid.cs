using System.Globalization;

namespace RunLens;

/// <summary>
/// The steps runs are aligned on before they are aggregated: distinct integer steps, increasing.
/// </summary>
/// <param name="Steps">The grid's steps, strictly increasing.</param>
/// <param name="Kind"><c>"run steps"</c> (the union of the runs' own steps) or <c>"even"</c> (evenly spaced, rounded to integers).</param>
public sealed record StepGrid(long[] Steps, string Kind)
{
    /// <summary>The number of steps.</summary>
    public int Count => Steps.Length;

    /// <summary>What the grid is, in words: <c>200 evenly spaced steps over [0, 100000]</c>.</summary>
    public string Describe() => Steps.Length == 0
        ? "no steps"
        : Kind == "even"
            ? string.Create(CultureInfo.InvariantCulture, $"{Steps.Length} evenly spaced steps over [{Steps[0]}, {Steps[^1]}]")
            : string.Create(CultureInfo.InvariantCulture, $"the runs' own {Steps.Length} steps over [{Steps[0]}, {Steps[^1]}]");

    /// <inheritdoc />
    public override string ToString() => Describe();
}
