namespace RunLens.Samples;

/// <summary>What one kind of <see cref="SyntheticDamage"/> did, and where.</summary>
/// <param name="Kind">The damage.</param>
/// <param name="File">The damaged file (or, for non-finite values, the run folder), relative to the experiments
/// folder with '/' separators.</param>
/// <param name="RecordsLost">Records written but destroyed (not in <see cref="ExpectedScan.Records"/>).</param>
/// <param name="BadLines">Lines or record fragments a reader must skip (the garbage line, the cut record).</param>
/// <param name="NonFiniteRecords">Valid records that carry at least one NaN or infinite value.</param>
/// <param name="FirstLostStep">The step of the first destroyed record, if any.</param>
/// <param name="LastLostStep">The step of the last destroyed record, if any.</param>
/// <param name="Description">What was done, in words.</param>
public sealed record DamageReport(
    SyntheticDamage Kind, string File, long RecordsLost, long BadLines, long NonFiniteRecords,
    long? FirstLostStep, long? LastLostStep, string Description);
