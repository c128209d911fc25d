using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// One event file of a TensorBoard run (<see cref="TensorBoardRecordReader"/>). Opening it makes the run's
/// <see cref="TensorBoardRunFiles"/> pass once (for every file of the run), and hands the reader its file's cuts and
/// the problems of that pass that concern its file. After a light pass the reader makes its file's part of the run's
/// notes from the events it decodes (<see cref="FileSurvey"/>); after the full pass the notes come from that pass.
/// </summary>
/// <param name="Run">The run's event files.</param>
/// <param name="Index">This file's place among them.</param>
internal sealed record TensorBoardSource(TensorBoardRunFiles Run, int Index) : RecordSource(FileFormats.TensorBoard)
{
    public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues)
    {
        var survey = Run.Result;
        foreach (var note in survey.Notes[Index])
            issues.Note(note);
        foreach (var issue in survey.Issues.Where(i => i.File == file.Path))
            issues.Add(issue, reason: null);
        if (survey.Light is not { } light)
            return new TensorBoardRecordReader(file, survey.Cuts[Index], fields, issues);
        var part = new FileSurvey(Run.Mode, light.Entering[Index], light.Bounds[Index], light.Surveyed[Index]);
        return new TensorBoardRecordReader(file, survey.Cuts[Index], fields, issues, part, Run.Ledger);
    }

    /// <inheritdoc />
    public override bool ReadsWithSiblings => true;

    /// <inheritdoc />
    public override void Succeed(RecordSource previous)
    {
        if (previous is TensorBoardSource before)
            Run.Continue(before.Run);
    }

    /// <summary>
    /// True for the run's last file after a light pass when its restarts discard nothing of the earlier files (every
    /// START at a step above theirs): the followed readers of those files read on as they were.
    /// </summary>
    public override bool JoinsFollowedSiblings() =>
        Index == Run.Files.Count - 1 && Run.Result.Light is { } light && !light.DiscardsEarlier[Index];

    /// <summary>The data files of a run's event files, each read through the run's one survey.</summary>
    public static List<RunFile> Describe(IReadOnlyList<FileInfo> events, Loading.Discovery.DiscoveryContext context, out TensorBoardRunFiles run)
    {
        var files = new TensorBoardRunFiles(events, context.Options.TensorBoardDiscards);
        run = files;
        return events.Select((f, i) => context.Describe(f, new TensorBoardSource(files, i))).ToList();
    }
}
