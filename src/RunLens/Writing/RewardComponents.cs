namespace RunLens;

/// <summary>The reward of one step of the exploration game, by component.</summary>
/// <param name="Event">For reaching an event cell.</param>
/// <param name="Level">For levelling up (winning a fight).</param>
/// <param name="Heal">For healing.</param>
/// <param name="Badge">For a badge (reaching a new region).</param>
/// <param name="Explore">The exploration bonus for a cell not yet visited in the episode.</param>
/// <param name="Dead">The penalty for dying (zero or negative).</param>
/// <param name="Stuck">The penalty for walking into walls again and again (zero or negative).</param>
public readonly record struct RewardComponents(
    double Event, double Level, double Heal, double Badge, double Explore, double Dead, double Stuck)
{
    /// <summary>The sum of the components, added in declaration order (so every writer gets the same bits).</summary>
    public double Total => Event + Level + Heal + Badge + Explore + Dead + Stuck;

    /// <summary>True when every component and the total are finite.</summary>
    public bool IsFinite =>
        double.IsFinite(Event) && double.IsFinite(Level) && double.IsFinite(Heal) && double.IsFinite(Badge)
        && double.IsFinite(Explore) && double.IsFinite(Dead) && double.IsFinite(Stuck) && double.IsFinite(Total);
}
