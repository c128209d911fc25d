using RunLens.Formats.TensorBoard;

namespace RunLens.Formats.Sb3;

/// <summary>
/// The hyperparameters SB3 logs through its TensorBoard output: <c>logger.record("hparams", HParam(hparam_dict,
/// metric_dict))</c> makes <c>TensorBoardOutputFormat</c> write torch's <c>hparams()</c> summaries (experiment,
/// <c>session_start_info</c> with the values, <c>session_end_info</c>) into the run's event file. They are read at
/// discovery, so only the start of each event file is read (see <see cref="Bound"/>).
/// </summary>
/// <remarks>
/// SB3 writes the summaries at the first <c>dump()</c> after the record, and the documented way to log them is a
/// callback's <c>_on_training_start</c>, so they sit in the file's first few kilobytes (after the file-version event
/// and the first dump's scalars). Records that start at or after <see cref="Bound"/> bytes are not read: an
/// <c>HParam</c> recorded later in training (rare) is not found at discovery. The values are read read-only with the
/// TensorBoard format's <see cref="TfRecordFrames"/>, <see cref="EventDecoder"/> and <see cref="HParamsCollector"/>.
/// torch's <c>hparams()</c> always writes a "success" session end right after the start, so the status is not used.
/// </remarks>
internal static class Sb3HParams
{
    /// <summary>Only event records that start in the first 64 KiB of a file are read (the TensorBoard format's bound).</summary>
    public const long Bound = TensorBoardRunFiles.HeadBytes;

    /// <summary>
    /// The hyperparameters of the first file (in the given order) whose first <see cref="Bound"/> bytes hold an
    /// hparams <c>session_start_info</c>, with that file; null when none does. Problems go to <paramref name="issues"/>.
    /// </summary>
    public static (HParamsCollector HParams, FileInfo File)? Read(IEnumerable<FileInfo> eventFiles, List<LoadIssue> issues)
    {
        foreach (var file in eventFiles)
        {
            var collector = ReadStart(file, issues);
            if (collector.Config.Count > 0)
                return (collector, file);
        }
        return null;
    }

    /// <summary>Reads the hparams summaries of the records that start within <see cref="Bound"/> bytes of the file.</summary>
    public static HParamsCollector ReadStart(FileInfo file, List<LoadIssue> issues) => TensorBoardRunFiles.Head([file], issues);
}
