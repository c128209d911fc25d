using System.Globalization;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// TensorBoard event files: a folder directly holding files whose name contains <c>tfevents</c> (TensorBoard's own
/// test, <c>events.out.tfevents.&lt;time&gt;.&lt;host&gt;...</c>) is a run of format <c>tensorboard</c>, as TensorBoard shows
/// it. Its files are read in the order TensorBoard reads them: by the timestamp in the name, then by name. Subfolders
/// are searched on, so runs at any depth are found, and separate writers in subfolders (<c>raw/gen/</c>,
/// <c>raw/disc/</c>) are separate runs. A Ray Tune trial folder (with <c>result.json</c>) is left to the formats that
/// read its JSON results.
/// </summary>
/// <remarks>
/// Discovery reads each run's events once, cheaply (<see cref="TensorBoardSurvey"/>): the hparams plugin's
/// hyperparameters become <see cref="RunInfo.Config"/> (over a <c>config.json</c>/<c>params.json</c> beside the files,
/// if any), its declared metric names go to <see cref="RunInfo.Tags"/> under <c>hparams.metrics</c> (comma-separated)
/// and its group name under <c>hparams.group</c>, its session end status to <see cref="RunInfo.Status"/>. Purges of
/// orphaned data, steps that go back, and the tags of data not loaded (images, audio, other plugins) go to
/// <see cref="RunInfo.Notes"/>.
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
        events.Sort((a, b) =>
        {
            var byTime = TimestampOf(a.Name).CompareTo(TimestampOf(b.Name));
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Name, b.Name);
        });
        var context = folder.Context;
        var survey = TensorBoardSurvey.Run(events, context.Issues);
        var files = events.Select((f, i) => new RunFile(f.FullName, context.Relative(f.FullName), f.Length)
        {
            Format = FileFormats.TensorBoard,
            Part = survey.Parts[i],
        }).ToList();
        var config = RunConventions.ReadConfig(folder.Dir, context.Issues);
        var hparams = survey.HParams;
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
            Notes = survey.Notes,
        };
        return new FolderClaim([new Run(info, context.Options)]);
    }

    /// <summary>TensorBoard's test for an event file: the name contains <c>tfevents</c>.</summary>
    public static bool IsEventFile(string name) => name.Contains("tfevents", StringComparison.Ordinal);

    /// <summary>The whole seconds after <c>tfevents.</c> in the name; names without one sort last.</summary>
    internal static long TimestampOf(string name)
    {
        var at = name.IndexOf("tfevents.", StringComparison.Ordinal);
        if (at < 0)
            return long.MaxValue;
        var digits = name.AsSpan(at + "tfevents.".Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        digits = end < 0 ? digits : digits[..end];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : long.MaxValue;
    }
}
