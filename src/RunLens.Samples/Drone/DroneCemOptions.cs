namespace RunLens.Samples.Drone;

/// <summary>What <see cref="DroneCemTrainer"/> runs. The defaults take about a second.</summary>
public sealed record DroneCemOptions
{
    /// <summary>Candidate policies per update.</summary>
    public int Population { get; init; } = 48;

    /// <summary>The fraction of the population kept as elites, in (0, 1].</summary>
    public double EliteFraction { get; init; } = 0.2;

    /// <summary>The number of updates (iterations).</summary>
    public int Updates { get; init; } = 60;

    /// <summary>Episodes each candidate flies (the same waypoints for every candidate of an update).</summary>
    public int EpisodesPerCandidate { get; init; } = 2;

    /// <summary>Waypoints per episode.</summary>
    public int Waypoints { get; init; } = 4;

    /// <summary>The seed of sampling and waypoints.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The initial standard deviation of every policy parameter (the initial mean is a levelling hover policy).</summary>
    public double InitialStd { get; init; } = 0.2;

    /// <summary>Noise added to the standard deviation, fading linearly to 0 over the updates (keeps CEM from collapsing).</summary>
    public double ExtraStd { get; init; } = 0.05;

    /// <summary>Roll out the mean policy after every this many updates (and after the first and last); 0 for never.</summary>
    public int RolloutEvery { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Population, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Updates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EpisodesPerCandidate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Waypoints);
        ArgumentOutOfRangeException.ThrowIfNegative(RolloutEvery);
        if (!(EliteFraction > 0 && EliteFraction <= 1) || !(InitialStd > 0) || !(ExtraStd >= 0))
            throw new ArgumentOutOfRangeException(nameof(EliteFraction), "EliteFraction in (0, 1], InitialStd > 0, ExtraStd >= 0.");
    }
}
