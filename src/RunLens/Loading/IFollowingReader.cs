namespace RunLens.Loading;

/// <summary>
/// A reader that can follow a file while its writer appends to it (a live run). While <see cref="Following"/>,
/// <see cref="IRecordReader.Read"/> returns false at the end of the bytes the file holds now instead of at the end of
/// the file: a record cut short there is kept, not reported, and read once its writer completes it; nothing that a
/// full read reports only at the end of a file (a cut-off last record, per-column summaries) is reported yet, and
/// the next <see cref="IRecordReader.Read"/> goes on with what was appended since. Once <see cref="Following"/> is
/// set false, reading to the end behaves exactly as a reader that never followed.
/// </summary>
internal interface IFollowingReader : IRecordReader
{
    /// <summary>True when this reader can follow its file (a gzip file too: members appended after the last are read as they come).</summary>
    bool CanFollow { get; }

    /// <summary>While true, the end of the bytes there are now is not the end of the file (see the type's remarks).</summary>
    bool Following { get; set; }

    /// <summary>
    /// True when every decision the reader made from the data read so far (a column found by rule to be the x axis
    /// from the first rows) is what a full read of a longer file would decide too. While false, a file that grew must
    /// be read again from its start to equal a full read.
    /// </summary>
    bool Settled => true;

    /// <summary>Bytes at the end that were read but are not yet a whole record (the writer is mid-write).</summary>
    long PendingBytes { get; }

    /// <summary>
    /// Writes to <paramref name="issues"/> what a full read would report if the file ended here (a broken record
    /// still looking for the next one, columns that held text), without changing the reader.
    /// </summary>
    void ReportEnd(ScanIssues issues);

    /// <summary>
    /// Hands the reader its file as listed again, before a read goes on: a reader of part of a file (one run of a
    /// database) counts the share of bytes the new listing gives it, as a full read of that listing would.
    /// </summary>
    void Relisted(RunFile file)
    {
    }
}
