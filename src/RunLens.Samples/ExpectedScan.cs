namespace RunLens.Samples;

/// <summary>
/// The truths about a set of generated logs, computed while writing them: what a scan of every record must report.
/// Records destroyed by <see cref="SyntheticDamage"/> are not in it.
/// </summary>
/// <param name="Records">Valid records (JSON-array records plus JSONL lines that are records).</param>
/// <param name="StepMin">The smallest step, or null when there are no records.</param>
/// <param name="StepMax">The largest step, or null when there are no records.</param>
/// <param name="DistinctPositions">Distinct cells (map, x, y) of the valid records.</param>
/// <param name="Fields">Every canonical field that has values, sorted by name (ordinal).</param>
public sealed record ExpectedScan(long Records, long? StepMin, long? StepMax, int DistinctPositions, IReadOnlyList<ExpectedField> Fields)
{
    /// <summary>The field with this canonical name, or null when no valid record has it.</summary>
    public ExpectedField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
