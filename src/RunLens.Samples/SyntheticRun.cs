namespace RunLens.Samples;

/// <summary>One generated run folder (<c>&lt;variant&gt;/&lt;timestamp&gt;</c>) and its truths.</summary>
/// <param name="Path">The run folder relative to the experiments folder, with '/' separators.</param>
/// <param name="Variant">The variant folder name, for example <c>v3</c>.</param>
/// <param name="Seed">The run's seed (in its <c>config.json</c>).</param>
/// <param name="ExplorationBonus">The explore reward per new cell (0 for the metrics run).</param>
/// <param name="Layouts">The JSON-array layouts its files use (empty for the metrics run).</param>
/// <param name="DataFiles">Log files written (config.json not counted).</param>
/// <param name="DataBytes">Their size on disk after damage.</param>
/// <param name="Expected">What a scan of this run alone must find.</param>
public sealed record SyntheticRun(
    string Path, string Variant, int Seed, double ExplorationBonus, IReadOnlyList<RecordLayout> Layouts,
    int DataFiles, long DataBytes, ExpectedScan Expected);
