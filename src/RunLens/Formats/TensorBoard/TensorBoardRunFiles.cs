using System.Globalization;
using Google.Protobuf;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The event files of one TensorBoard run and what a pass over all of them finds: the points TensorBoard's default
/// reader discards, hyperparameters, the tags of data that is not loaded. Listing a run reads none of it (only the
/// head of each file, for hyperparameters: <see cref="Head"/>); the pass runs once, when a file of the run is first
/// read, and every reader of the run (scans run files in parallel) takes its file's cuts from it.
/// </summary>
/// <remarks>
/// <para>Which points are discarded is <see cref="LoadOptions.TensorBoardDiscards"/>'s choice. By default it is
/// TensorBoard's <c>EventAccumulator</c> (<c>tensorboard.backend.event_processing.event_accumulator</c>, the reader
/// TensorBoard's Python API gives, <c>purge_orphaned_data</c> on): in a run whose <c>file_version</c> is 2 or more,
/// every SessionLog START (a run resumed with <c>SummaryWriter(purge_step=N)</c> writes one at N) discards every
/// tag's values read before it at steps at least its step, and steps that otherwise go back are kept; in a run
/// without a file version, a summary event at a step below the last one discards its own tags' values read before it
/// at steps at least its step. <see cref="TensorBoardDiscards.DataServer"/> follows the Rust data server instead
/// (per tag, every value preempts that tag's earlier values at steps not below its own); <see cref="TensorBoardDiscards.None"/>
/// keeps everything. Files are read in ordinal name order.</para>
/// </remarks>
internal sealed class TensorBoardRunFiles
{
    /// <summary>How much of each event file listing reads for hyperparameters: writers put them first (SB3's
    /// <c>HParam</c> at the first dump, torch's <c>add_hparams</c> in a run of its own).</summary>
    public const int HeadBytes = 64 * 1024;

    private readonly Lazy<Survey> _survey;

    public TensorBoardRunFiles(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
    {
        Files = files;
        Mode = mode;
        _survey = new(() => Run(files, mode), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The run's event files in the order TensorBoard reads them.</summary>
    public IReadOnlyList<FileInfo> Files { get; }

    /// <summary>Which points are discarded.</summary>
    public TensorBoardDiscards Mode { get; }

    /// <summary>The pass over every file, made on first use.</summary>
    public Survey Result => _survey.Value;

    /// <summary>True once the pass was made (tests check that listing does not make it).</summary>
    public bool Surveyed => _survey.IsValueCreated;

    /// <summary>What the pass found, per file: the cuts its reader applies, notes about it, problems met. When
    /// <paramref name="ReaderNotes"/> is true (a run of one file, surveyed by the light pass) the notes are the
    /// reader's to make, from the events it decodes (<see cref="RunSurvey"/>), and <paramref name="Notes"/> is empty.</summary>
    public sealed record Survey(IReadOnlyList<PurgeCuts> Cuts, IReadOnlyList<string>[] Notes, IReadOnlyList<LoadIssue> Issues, bool ReaderNotes = false);

    /// <summary>
    /// The hyperparameters of the hparams plugin found in the first <see cref="HeadBytes"/> of each file. Problems are
    /// reported as issues; nothing else is read.
    /// </summary>
    public static HParamsCollector Head(IReadOnlyList<FileInfo> files, List<LoadIssue> issues)
    {
        var hparams = new HParamsCollector();
        var decoder = new EventDecoder(new TagTable());
        foreach (var file in files)
        {
            ForEachEvent(file, decoder, issues, HeadBytes, offset =>
            {
                foreach (ref readonly var value in decoder.Values)
                    CollectHParams(value, decoder, hparams, file, offset, issues);
            });
        }
        return hparams;
    }

    private static Survey Run(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode)
    {
        var issues = new List<LoadIssue>();
        // A run of one file whose cuts the light pass finds: its reader makes the notes from the events it decodes.
        if (files.Count == 1 && Light(files[0], mode) is { } cuts)
            return new Survey([cuts], [[]], issues, ReaderNotes: true);
        var survey = new RunSurvey(files, mode);
        var decoder = new EventDecoder(new TagTable());
        for (var file = 0; file < files.Count; file++)
        {
            var index = file;
            ForEachEvent(files[file], decoder, issues, long.MaxValue, offset => survey.Event(index, offset, decoder));
        }
        return new Survey(survey.Cuts(), survey.Notes(), issues);
    }

    /// <summary>
    /// The cuts of a run's only file without decoding its summaries, or null when they need the full pass. With
    /// <see cref="TensorBoardDiscards.None"/> there are none; with EventAccumulator's rule, in a log whose summaries all
    /// follow a file version of 2 or more, only a SessionLog START cuts, so the pass reads the frames and the events'
    /// top-level fields and decodes only the rare events that are not plain summaries (file version, session logs,
    /// anything else). Only those have their data checksum checked here: the reader checks every record it reads, and
    /// a plain summary event changes nothing here unless no file version came first, and then the full pass (which
    /// checks) decides. Null for the data server's rule, an unversioned summary, or a file that cannot be read.
    /// </summary>
    private static PurgeCuts? Light(FileInfo file, TensorBoardDiscards mode)
    {
        if (mode != TensorBoardDiscards.EventAccumulator)
            return mode == TensorBoardDiscards.None ? PurgeCuts.None : null;
        var cuts = new PurgeCuts.Builder();
        var decoder = new EventDecoder(new TagTable());
        double? fileVersion = null;
        try
        {
            using var frames = new TfRecordFrames(file.FullName, issues: null, checkData: false);
            while (frames.Next(out var offset, out var start, out var length))
            {
                var shape = EventDecoder.TopLevelShape(frames.Buffer.AsSpan(start, length));
                if (shape == EventShape.Other)
                {
                    if (!frames.DataHolds(start, length) || !TryDecode(decoder, frames.Buffer, start, length))
                        continue;
                    if (decoder.FileVersion is { } version)
                        fileVersion = ParseFileVersion(version);
                    if (RunSurvey.IsVersioned(fileVersion) && decoder.SessionStatus == TensorBoardProto.SessionLog.Start)
                        cuts.AddAll(offset, decoder.Step);
                }
                if ((shape == EventShape.Summary || (shape == EventShape.Other && decoder.HasSummary)) && !RunSurvey.IsVersioned(fileVersion))
                    return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return cuts.Build(new Dictionary<string, long>(), long.MaxValue);
    }

    private static bool TryDecode(EventDecoder decoder, byte[] buffer, int start, int length)
    {
        try
        {
            decoder.Decode(buffer, start, length, wantText: false);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>TensorBoard's <c>ParseFileVersion</c>: the number after <c>brain.Event:</c>, or -1 when it is not one.</summary>
    public static double ParseFileVersion(string fileVersion)
    {
        var at = fileVersion.LastIndexOf("brain.Event:", StringComparison.Ordinal);
        var number = at < 0 ? fileVersion : fileVersion[(at + "brain.Event:".Length)..];
        return double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }

    private static void CollectHParams(in DecodedValue value, EventDecoder decoder, HParamsCollector hparams, FileInfo file, long offset, List<LoadIssue> issues)
    {
        if (value.Kind != ValueKind.HParams || value.ContentLength <= 0)
            return;
        try
        {
            hparams.Merge(decoder.Buffer, value.ContentStart, value.ContentLength);
        }
        catch (InvalidProtocolBufferException ex)
        {
            issues.Add(new LoadIssue(file.FullName, offset, null, $"hparams summary '{value.Tag.Name}' is not a valid HParamsPluginData ({ex.Message}); its hyperparameters are not read"));
        }
    }

    /// <summary>
    /// Reads the valid events of a file that start before <paramref name="limit"/> silently (the scan reports framing
    /// problems); I/O errors are issues.
    /// </summary>
    private static void ForEachEvent(FileInfo file, EventDecoder decoder, List<LoadIssue> issues, long limit, Action<long> onEvent)
    {
        try
        {
            using var frames = new TfRecordFrames(file.FullName, issues: null);
            while (frames.Next(out var offset, out var start, out var length) && offset < limit)
            {
                try
                {
                    decoder.Decode(frames.Buffer, start, length, wantText: false);
                }
                catch (InvalidProtocolBufferException)
                {
                    continue;
                }
                onEvent(offset);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(file.FullName, null, null, $"cannot read for TensorBoard's pre-pass: {ex.Message}; hparams and discarded points of this file are not known"));
        }
    }
}
