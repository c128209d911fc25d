using RunLens.Fields;
using RunLens.Loading;

namespace RunLens.Formats.TensorBoard;

/// <summary>
/// One event file of a TensorBoard run (<see cref="TensorBoardRecordReader"/>). Opening it makes the run's
/// <see cref="TensorBoardRunFiles"/> pass once (for every file of the run), and hands the reader its file's cuts, the
/// notes and the problems of that pass that concern its file; for a run of one file that the light pass surveyed, the
/// reader makes the notes itself from the events it decodes.
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
        var notes = survey.ReaderNotes ? new RunSurvey(Run.Files, Run.Mode) : null;
        return new TensorBoardRecordReader(file, survey.Cuts[Index], fields, issues, notes);
    }

    /// <inheritdoc />
    public override bool ReadsWithSiblings => true;

    /// <summary>The data files of a run's event files, each read through the run's one survey.</summary>
    public static List<RunFile> Describe(IReadOnlyList<FileInfo> events, Loading.Discovery.DiscoveryContext context, out TensorBoardRunFiles run)
    {
        var files = new TensorBoardRunFiles(events, context.Options.TensorBoardDiscards);
        run = files;
        return events.Select((f, i) => context.Describe(f, new TensorBoardSource(files, i))).ToList();
    }
}
