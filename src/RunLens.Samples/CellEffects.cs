namespace RunLens.Samples;

/// <summary>Reward sizes of the cell effects: the simulated walker and the trained game scale them differently.</summary>
/// <param name="Event">Event reward per map number (an event cell's first visit pays Event x (1 + map)).</param>
/// <param name="Level">Level-up reward per map number after a won fight.</param>
/// <param name="Heal">Heal reward per unit of hp restored.</param>
internal readonly record struct CellRewards(double Event, double Level, double Heal);

/// <summary>
/// What entering a cell does, shared by every game on <see cref="GridWorld"/>: an event cell pays once per episode,
/// grass may start a fight (hp lost, sometimes a level gained), a heal cell restores hp.
/// </summary>
internal static class CellEffects
{
    public static (double Event, double Level, double Heal) Enter(
        CellKind kind, int map, bool firstVisit, ref double hp, ref Prng rng, CellRewards rewards)
    {
        double ev = 0, level = 0, heal = 0;
        if (firstVisit && kind == CellKind.Event)
            ev = rewards.Event * (1 + map);
        if (kind == CellKind.Grass && rng.NextDouble() < 0.05)
        {
            hp -= 0.05 * (1 + rng.Next(4));
            if (hp > 0 && rng.NextDouble() < 0.5)
                level = rewards.Level * (1 + map);
        }
        else if (kind == CellKind.Heal && hp < 1)
        {
            heal = rewards.Heal * (1 - hp);
            hp = 1;
        }
        return (ev, level, heal);
    }
}
