namespace RunLens;

/// <summary>How far a scan has got.</summary>
/// <param name="FilesDone">Files finished.</param>
/// <param name="FilesTotal">Files to read.</param>
/// <param name="BytesDone">Bytes read from disk so far (compressed bytes for <c>.gz</c>).</param>
/// <param name="BytesTotal">Bytes to read.</param>
/// <param name="Records">Records read so far.</param>
public readonly record struct ScanProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long Records)
{
    /// <summary>The fraction of bytes read, 0 to 1.</summary>
    public double Fraction => BytesTotal <= 0 ? 1 : Math.Clamp((double)BytesDone / BytesTotal, 0, 1);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{FilesDone}/{FilesTotal} files, {BytesDone / 1e6:0.0}/{BytesTotal / 1e6:0.0} MB, {Records:N0} records");
}
