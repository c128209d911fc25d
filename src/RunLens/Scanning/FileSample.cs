namespace RunLens;

/// <summary>Evenly spaced records of one file: every <see cref="Stride"/>-th valid record, starting with the first.</summary>
/// <param name="File">The file's path relative to the loaded folder.</param>
/// <param name="Records">Valid records in the file.</param>
/// <param name="Stride">The spacing between kept records (a power of two).</param>
/// <param name="Rows">The kept records, in file order.</param>
public sealed record FileSample(string File, long Records, long Stride, IReadOnlyList<RecordRow> Rows);
