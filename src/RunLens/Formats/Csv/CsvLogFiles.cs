namespace RunLens.Formats.Csv;

/// <summary>Which files are CSV logs, and which reader reads them.</summary>
internal static class CsvLogFiles
{
    /// <summary>
    /// <see cref="FileFormats.Monitor"/> for SB3/baselines monitor files (<c>*.monitor.csv</c>, <c>monitor.csv</c>),
    /// <see cref="FileFormats.Csv"/> for other <c>.csv</c> and <c>.csv.gz</c> files, null for anything else.
    /// </summary>
    public static string? FormatOf(string path)
    {
        var name = Path.GetFileName(path);
        if (IsMonitor(name))
            return FileFormats.Monitor;
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
            ? FileFormats.Csv
            : null;
    }

    /// <summary>
    /// The format of a CSV file that a folder of JSON logs (or a folder of CSV logs alone) takes as one of its log
    /// files: as <see cref="FormatOf"/>, except <c>progress.csv</c>. That is the logger output of SB3 and Ray Tune
    /// folders, whose formats claim them first; one that gets this far is in a Ray trial folder, where it repeats
    /// <c>result.json</c>.
    /// </summary>
    public static string? LogFormatOf(string path) =>
        Path.GetFileName(path).Equals("progress.csv", StringComparison.OrdinalIgnoreCase) ? null : FormatOf(path);

    /// <summary>True for an SB3/baselines monitor file name.</summary>
    public static bool IsMonitor(string name) =>
        name.EndsWith(".monitor.csv", StringComparison.OrdinalIgnoreCase) || name.Equals("monitor.csv", StringComparison.OrdinalIgnoreCase);
}
