namespace RunLens;

/// <summary>One data file of a run.</summary>
/// <param name="Path">The full path.</param>
/// <param name="RelativePath">The path relative to the folder the runs were loaded from, with '/' separators.
/// Sampling keys derive from it, so the same data samples the same way wherever it is copied.</param>
/// <param name="Bytes">The size on disk.</param>
public sealed record RunFile(string Path, string RelativePath, long Bytes)
{
    /// <summary>True when the file is gzip-compressed (by its <c>.gz</c> extension).</summary>
    public bool IsGzip => Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
