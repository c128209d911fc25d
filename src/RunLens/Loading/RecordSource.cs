using RunLens.Fields;

namespace RunLens.Loading;

/// <summary>
/// How one data file's records are read. The format that finds a file at discovery hands it the source that reads
/// it, holding whatever that needs (an MLflow metric key, a run id in a SQLite store, a zip entry, the monitor files
/// of a group, a TensorBoard run's shared purge survey), so nothing is encoded into strings and decoded later and no
/// central switch knows the formats.
/// </summary>
/// <param name="Format">The file's format name, as listings show it (<see cref="RunFile.Format"/>).</param>
internal abstract record RecordSource(string Format)
{
    /// <summary>The source of files that hold episodes only (an episode source reads them; a scan reads no records).</summary>
    public static RecordSource EpisodesOnly(string format) => new NoRecordsSource(format);

    /// <summary>Opens the file. Throws only for I/O errors (the caller reports them as unreadable files).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public abstract IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues);

    /// <summary>True when the run reads only part of the file (one run of a store, one entry of a zip): the file holds
    /// more than the run, so problems found in it at discovery are not the run's.</summary>
    public virtual bool ReadsPartOfFile => false;

    /// <summary>
    /// True when how the file reads depends on the run's other files of the format (TensorBoard: a restart in one
    /// event file discards points of the others), so a live scan reads them again together when one changes.
    /// </summary>
    public virtual bool ReadsWithSiblings => false;

    /// <summary>
    /// True when the file's writer changes it in place (a database: pages rewritten, a write-ahead log beside it), so
    /// its length and first bytes say nothing of what changed: a live scan asks a following reader on every update,
    /// and the reader reads what is new or turns unsettled (<see cref="IFollowingReader.Settled"/>).
    /// </summary>
    public virtual bool ChangesInPlace => false;

    /// <summary>
    /// Files beside the file that its writer writes as it logs (a database's write-ahead log, whose commits leave the
    /// database file as it was until a checkpoint), so a live scan does not take the run for idle; they may be absent.
    /// </summary>
    public virtual IReadOnlyList<string> SidePaths(RunFile file) => [];

    /// <summary>
    /// A live scan listed the file again: <paramref name="previous"/> is its source in the listing before, whose reader
    /// may still follow it. A source that reads with its siblings takes over what the run's readers share.
    /// </summary>
    public virtual void Succeed(RecordSource previous)
    {
    }

    /// <summary>
    /// For a file new to a live scan whose source <see cref="ReadsWithSiblings"/>: true when reading it changes nothing
    /// its run's followed files read (they read on), false when they must be read again with it.
    /// </summary>
    public virtual bool JoinsFollowedSiblings() => false;

    /// <summary>The files on disk this entry reads: the file itself unless the source reads a group.</summary>
    public virtual IReadOnlyList<string> DiskPaths(RunFile file) => [file.Path];

    private sealed record NoRecordsSource(string Name) : RecordSource(Name)
    {
        public override IRecordReader Open(RunFile file, FieldTable fields, ScanIssues issues) => new NoRecords();
    }

    private sealed class NoRecords : IRecordReader
    {
        public long DiskPosition => 0;

        public bool Read(RecordBuffer record, bool wantText) => false;

        public bool ReadLastRecord(RecordBuffer record) => false;

        public void Dispose()
        {
        }
    }
}
