namespace RunLens.Samples;

/// <summary>What writing one part (an environment's files, or the metrics file) produced.</summary>
internal sealed record PartResult(Tally Tally, int DataFiles, long DataBytes, IReadOnlyList<RecordLayout> Layouts, IReadOnlyList<DamageReport> Damage);
