namespace RunLens.Loading;

/// <summary>
/// Streams the records of one file into a reused <see cref="RecordBuffer"/>, whatever the file's format. Every
/// format implements it, so scans, samples and full-resolution metrics are exact for every format alike. A reader
/// never throws for bad data: each problem is reported to the <see cref="ScanIssues"/> it was given, with the file
/// and offset or line, and reading goes on with the next valid record.
/// </summary>
internal interface IRecordReader : IDisposable
{
    /// <summary>Bytes read from disk so far (compressed bytes for compressed files).</summary>
    long DiskPosition { get; }

    /// <summary>
    /// Reads the next valid record into <paramref name="record"/> (calling <see cref="RecordBuffer.Begin"/>
    /// first). Returns false at the end. Text values are collected only when <paramref name="wantText"/>.
    /// </summary>
    bool Read(RecordBuffer record, bool wantText);

    /// <summary>
    /// After <see cref="Read"/> returned false: re-reads the last valid record with its text values, so the
    /// reservoir can always hold the latest row. False when the format cannot (the row then keeps no text).
    /// </summary>
    bool ReadLastRecord(RecordBuffer record);

    /// <summary>
    /// How many times so far the log said it starts over (a CSV that repeats its header after an environment reset, as
    /// PokemonRed's agent stats do): the next record starts an episode. 0 for formats that cannot say.
    /// </summary>
    int Restarts => 0;

    /// <summary>
    /// How many files on disk the reader read, for the scan's <see cref="ScanResult.Files"/>: 1 for most readers;
    /// 0 for a file skipped whole (a CSV without a readable header); the number of files for a reader that merges
    /// several (SB3's monitor files). Valid once <see cref="Read"/> returned false.
    /// </summary>
    int FilesRead => 1;
}
