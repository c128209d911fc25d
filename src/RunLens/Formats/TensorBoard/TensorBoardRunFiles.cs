using System.Globalization;
using Google.Protobuf;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// The event files of one TensorBoard run and what a pass over all of them finds: the points TensorBoard's default
/// reader discards, hyperparameters, the tags of data that is not loaded. Listing a run reads none of it (only the
/// head of each file, for hyperparameters: <see cref="Head"/>); the pass runs once, when a file of the run is first
/// read, and every reader of the run (scans run files in parallel) takes its file's cuts from it. The pass is light
/// (frames and top-level fields: <see cref="LightFile"/>) unless the cuts need every summary decoded (the data
/// server's rule, a summary without a file version); after a light pass each reader makes its file's part of the
/// notes from the events it decodes (<see cref="FileSurvey"/>, joined in the run's <see cref="RunLedger"/>).
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
        Ledger = new RunLedger(files, mode);
        _survey = new(() => Run(files, mode, Ledger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The run's event files in the order TensorBoard reads them.</summary>
    public IReadOnlyList<FileInfo> Files { get; }

    /// <summary>Which points are discarded.</summary>
    public TensorBoardDiscards Mode { get; }

    /// <summary>What the readers of the run's files found (handed on from listing to listing in a live scan).</summary>
    public RunLedger Ledger { get; private set; }

    /// <summary>The pass over every file, made on first use.</summary>
    public Survey Result => _survey.Value;

    /// <summary>True once the pass was made (tests check that listing does not make it).</summary>
    public bool Surveyed => _survey.IsValueCreated;

    /// <summary>What the pass found, per file: the cuts its reader applies, notes about it, problems met. After a light
    /// pass (<paramref name="Light"/> not null) the notes are the readers' to make, from the events they decode
    /// (<see cref="FileSurvey"/>), and <paramref name="Notes"/> is empty.</summary>
    public sealed record Survey(IReadOnlyList<PurgeCuts> Cuts, IReadOnlyList<string>[] Notes, IReadOnlyList<LoadIssue> Issues, LightRun? Light = null)
    {
        /// <summary>True when the readers make the notes (a light pass found the cuts).</summary>
        public bool ReaderNotes => Light is not null;
    }

    /// <summary>What a light pass found for each file's reader: the run's file version where the file begins, the
    /// highest step of the earlier files' events, the bytes of the file it read, and whether the file's restarts
    /// discard points of the earlier files.</summary>
    public sealed record LightRun(double?[] Entering, long[] Bounds, long[] Surveyed, bool[] DiscardsEarlier);

    /// <summary>
    /// The same run as listed again by a live scan: takes over the ledger of <paramref name="previous"/> (the readers it
    /// follows and what they found), unless this listing's pass was already made.
    /// </summary>
    public void Continue(TensorBoardRunFiles previous)
    {
        if (ReferenceEquals(previous.Ledger, Ledger) || Surveyed || previous.Mode != Mode)
            return;
        Ledger = previous.Ledger;
        Ledger.List(Files);
    }

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
            ForEachEvent(file, decoder, issues, HeadBytes, (offset, _) =>
            {
                foreach (ref readonly var value in decoder.Values)
                    CollectHParams(value, decoder, hparams, file, offset, issues);
            });
        }
        return hparams;
    }

    private static Survey Run(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode, RunLedger ledger)
    {
        if (Light(files, mode, ledger) is { } light)
            return light;
        var full = FullPass(files, mode, out var steps, out var ends);
        // The data server's rule needs every value's step for its cuts; where it cuts nothing (no step goes back), the
        // readers make the notes and can follow the files as after a light pass: a step going back later unsettles them.
        if (mode != TensorBoardDiscards.DataServer || full.Issues.Count > 0 || full.Cuts.Any(c => !c.IsEmpty))
            return full;
        var bounds = new long[files.Count];
        var bound = long.MinValue;
        for (var file = 0; file < files.Count; file++)
            (bounds[file], bound) = (bound, Math.Max(bound, steps[file]));
        return full with
        {
            Notes = files.Select(_ => (IReadOnlyList<string>)[]).ToArray(),
            Light = new LightRun(new double?[files.Count], bounds, ends, new bool[files.Count]),
        };
    }

    /// <summary>The pass that decodes every event of every file (<see cref="RunSurvey"/>): the cuts and the notes.</summary>
    public static Survey FullPass(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode) => FullPass(files, mode, out _, out _);

    /// <summary>The full pass, with each file's highest event step and the end of its last event read.</summary>
    private static Survey FullPass(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode, out long[] steps, out long[] ends)
    {
        var issues = new List<LoadIssue>();
        var survey = new RunSurvey(files, mode);
        var decoder = new EventDecoder(new TagTable());
        var (maxSteps, lastEnds) = (new long[files.Count], new long[files.Count]);
        for (var file = 0; file < files.Count; file++)
        {
            var index = file;
            maxSteps[index] = long.MinValue;
            ForEachEvent(files[file], decoder, issues, long.MaxValue, (offset, end) =>
            {
                survey.Event(index, offset, decoder);
                maxSteps[index] = Math.Max(maxSteps[index], decoder.Step);
                lastEnds[index] = end;
            });
        }
        (steps, ends) = (maxSteps, lastEnds);
        return new Survey(survey.Cuts(), survey.Notes(), issues);
    }

    /// <summary>
    /// The cuts of a run's files without decoding their summaries, or null when they need the full pass. With
    /// <see cref="TensorBoardDiscards.None"/> there are none; with EventAccumulator's rule, in a log whose summaries all
    /// follow a file version of 2 or more, only a SessionLog START cuts, which <see cref="LightFile"/> finds from the
    /// frames and the events' top-level fields. Null for the data server's rule, an unversioned summary, or a file that
    /// cannot be read. Files the ledger has facts for as they are now (a live scan's followed files) are not read again.
    /// </summary>
    private static Survey? Light(IReadOnlyList<FileInfo> files, TensorBoardDiscards mode, RunLedger ledger)
    {
        if (mode == TensorBoardDiscards.DataServer)
            return null;
        var count = files.Count;
        var cuts = new PurgeCuts.Builder[count];
        var run = new LightRun(new double?[count], new long[count], new long[count], new bool[count]);
        double? version = null;
        var bound = long.MinValue;
        for (var file = 0; file < count; file++)
        {
            cuts[file] = new PurgeCuts.Builder();
            (run.Entering[file], run.Bounds[file]) = (version, bound);
            // Without discards only the earlier files' highest steps matter (the readers' bounds): the last file is not read.
            if (mode == TensorBoardDiscards.None && file == count - 1)
                break;
            LightFile light;
            try
            {
                light = ledger.LightOf(files[file]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
            run.Surveyed[file] = light.Length;
            var lowest = long.MaxValue;
            foreach (var marker in light.Markers)
            {
                switch (marker.Mark)
                {
                    case LightMark.Version:
                        version = marker.Version;
                        break;
                    case LightMark.Start when mode == TensorBoardDiscards.EventAccumulator && RunSurvey.IsVersioned(version):
                        cuts[file].AddAll(marker.Offset, marker.Step);
                        lowest = Math.Min(lowest, marker.Step);
                        break;
                    case LightMark.Summary when mode == TensorBoardDiscards.EventAccumulator && !RunSurvey.IsVersioned(version):
                        return null;
                }
            }
            run.DiscardsEarlier[file] = lowest <= bound;
            bound = Math.Max(bound, light.MaxStep);
        }
        return new Survey(PurgeCuts.Builder.BuildRun(cuts), files.Select(_ => (IReadOnlyList<string>)[]).ToArray(), [], run);
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
    private static void ForEachEvent(FileInfo file, EventDecoder decoder, List<LoadIssue> issues, long limit, Action<long, long> onEvent)
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
                onEvent(offset, offset + TfRecordFrames.HeaderBytes + length + TfRecordFrames.FooterBytes);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            issues.Add(new LoadIssue(file.FullName, null, null, $"cannot read for TensorBoard's pre-pass: {ex.Message}; hparams and discarded points of this file are not known"));
        }
    }
}
