using RunLens.Loading.Discovery;

namespace RunLens.Formats.Mlflow;

/// <summary>
/// MLflow's two local stores. The file store (<c>mlruns/</c>, or any folder whose subfolders are experiments with a
/// <c>meta.yaml</c>; also an experiment or run folder given directly) gives one run per
/// <c>&lt;experiment&gt;/&lt;run&gt;/meta.yaml</c>: metric files are read by <see cref="MlflowMetricReader"/>, <c>params/</c> are
/// the config, <c>tags/</c> the tags. A SQLite store (<c>mlflow.db</c>, or any <c>*.db</c> whose tables include
/// <c>experiments</c>, <c>runs</c> and <c>metrics</c>) gives one run per row of <c>runs</c>, read by
/// <see cref="MlflowSqliteStore"/>, the only place (with its reader) that touches SQLite, so that assembly loads only
/// when a database is met.
/// </summary>
/// <remarks>
/// Runs are named <c>&lt;experiment name&gt;/&lt;run name&gt;</c>, prefixed with the path of the store's folder from the
/// loaded folder when that is not the loaded folder itself (as every format names runs by where they are). MLflow lets
/// runs share a name; within an experiment, runs whose names repeat are each named
/// <c>&lt;run name&gt; (&lt;first 8 characters of the run id&gt;)</c>, the full id when those collide. The variant is the
/// experiment's name, the timestamp the run's start time (UTC, <c>yyyyMMdd_HHmmss</c>), the status MLflow's run status
/// name. Runs MLflow marks deleted (and the store's <c>.trash</c>) are not loaded; each is reported.
/// </remarks>
internal sealed class MlflowFormat : IRunFormat
{
    /// <summary>The <see cref="RunInfo.Format"/> of runs from a file store.</summary>
    public const string FileStore = "mlflow";

    /// <summary>The <see cref="RunInfo.Format"/> of runs from a SQLite store.</summary>
    public const string SqliteStore = "mlflow-sqlite";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    public FolderClaim? Claim(RunFolder folder)
    {
        List<Run>? runs = null;
        foreach (var file in folder.Files)
        {
            if (IsSqliteDatabase(file) && MlflowSqliteStore.Read(file, folder.Context) is { Count: > 0 } fromDatabase)
                (runs ??= []).AddRange(fromDatabase);
        }
        if (MlflowFileStore.Read(folder) is { } fromFiles)
            return new FolderClaim([.. runs ?? [], .. fromFiles]) { Descend = false };
        // A database beside other things: the folder's subfolders may hold more runs (a file store, other logs). A
        // database without runs (or unreadable, reported) leaves the folder to the other formats.
        return runs is null ? null : new FolderClaim(runs);
    }

    /// <summary>
    /// A <c>*.db</c> file that starts with SQLite's header. Checked by hand so that other files never load the SQLite
    /// assembly, and random <c>.db</c> files (thumbnail caches, other databases) are not opened as SQLite.
    /// </summary>
    private static bool IsSqliteDatabase(FileInfo file)
    {
        if (!file.Name.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || file.Length < 100)
            return false;
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[16];
            return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.SequenceEqual(SqliteHeader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
