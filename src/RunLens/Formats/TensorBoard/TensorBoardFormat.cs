using RunLens.Loading.Discovery;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// TensorBoard event files: a folder directly holding files whose name contains <c>tfevents</c> (TensorBoard's own
/// test, <c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;...</c>) is a run of format <c>tensorboard</c>, as TensorBoard shows
/// it. Its files are read in the order TensorBoard's data server reads them: by name. Subfolders
/// are searched on, so runs at any depth are found, and separate writers in subfolders (<c>raw/gen/</c>,
/// <c>raw/disc/</c>) are separate runs. A Ray Tune trial folder (with <c>result.json</c>) is left to the formats that
/// read its JSON results.
/// </summary>
/// <remarks>
/// Listing reads no records: only the first <see cref="TensorBoardRunFiles.HeadBytes"/> of each file, where writers put
/// the hparams plugin's summaries. Its hyperparameters become <see cref="RunInfo.Config"/> (over a
/// <c>config.json</c>/<c>params.json</c> beside the files, if any), its declared metric names go to
/// <see cref="RunInfo.Tags"/> under <c>hparams.metrics</c> (comma-separated) and its group name under
/// <c>hparams.group</c>, its session end status to <see cref="RunInfo.Status"/>. The pass that finds the points
/// TensorBoard discards runs once, when the run is first read (<see cref="TensorBoardRunFiles"/>); what it finds
/// (steps that go back, the tags of data not loaded: images, audio, other plugins) is in the scan's
/// <see cref="ScanResult.Notes"/>.
/// </remarks>
internal sealed class TensorBoardFormat : IRunFormat
{
    /// <summary>The run format name.</summary>
    public const string Format = "tensorboard";

    public FolderClaim? Claim(RunFolder folder)
    {
        var events = folder.Files.Where(f => IsEventFile(f.Name)).ToList();
        // A Ray Tune trial's event file mirrors its result.json, which holds every metric at full precision: the trial
        // belongs to the format that reads that (asked before this one), never to this one.
        if (events.Count == 0 || folder.HasFile("result.json"))
            return null;
        // TensorBoard lists a run's files in ordinal name order (events.out.tfevents.<seconds>... sort by time).
        events.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var context = folder.Context;
        var files = TensorBoardSource.Describe(events, context, out _);
        var config = RunConventions.ReadConfig(folder.Dir, context.Issues);
        var hparams = TensorBoardRunFiles.Head(events, context.Issues);
        foreach (var (name, value) in hparams.Config)
            config[name] = value;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hparams.Metrics.Count > 0)
            tags["hparams.metrics"] = string.Join(", ", hparams.Metrics);
        if (hparams.Group is { } group)
            tags["hparams.group"] = group;
        var info = RunConventions.Info(folder.Dir, context, Format, files, config) with
        {
            Tags = tags,
            Status = hparams.Status,
        };
        return new FolderClaim([new Run(info, context.Options)]);
    }

    /// <summary>TensorBoard's test for an event file: the name contains <c>tfevents</c>.</summary>
    public static bool IsEventFile(string name) => name.Contains("tfevents", StringComparison.Ordinal);
}
