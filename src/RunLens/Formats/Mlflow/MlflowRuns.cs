using System.Globalization;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.Mlflow;

/// <summary>What the file store and the SQLite store share: names, statuses, typed params and the run description.</summary>
internal static class MlflowRuns
{
    /// <summary>The tag MLflow keeps a run's display name in.</summary>
    public const string RunNameTag = "mlflow.runName";

    /// <summary>MLflow's lifecycle stage of deleted runs and experiments.</summary>
    public const string Deleted = "deleted";

    /// <summary>
    /// The name of a run status as the file store writes it (an integer of MLflow's <c>RunStatus</c> enum: RUNNING 1,
    /// SCHEDULED 2, FINISHED 3, FAILED 4, KILLED 5; mlflow/entities/run_status.py and service.proto) or as the SQL
    /// store writes it (the name itself). A missing status is RUNNING, as MLflow reads it; an unknown one stays as written.
    /// </summary>
    public static string StatusName(string? raw) => raw?.Trim() switch
    {
        null or "" or "1" => "RUNNING",
        "2" => "SCHEDULED",
        "3" => "FINISHED",
        "4" => "FAILED",
        "5" => "KILLED",
        var text => text.ToUpperInvariant(),
    };

    /// <summary>
    /// A param value (MLflow stores params as text) typed for the config: a number when the whole text is one (Python's
    /// <c>nan</c>/<c>inf</c> included), a boolean for <c>True</c>/<c>False</c>/<c>true</c>/<c>false</c>, else the text.
    /// </summary>
    public static ConfigValue ParamValue(string text)
    {
        if (text is "True" or "true")
            return ConfigValue.Of(true);
        if (text is "False" or "false")
            return ConfigValue.Of(false);
        return PythonNumbers.TryParseFloat(text, out var number) ? ConfigValue.Of(number) : ConfigValue.Of(text);
    }

    /// <summary>A start time in milliseconds since the epoch as the run's timestamp (UTC, <c>yyyyMMdd_HHmmss</c>).</summary>
    public static string? Timestamp(long? milliseconds) =>
        milliseconds is > 0 and < 253402300800000
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value).UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// The run names of one experiment: a run's own name when no other run there has it, else the name followed by
    /// the first 8 characters of its id in parentheses (the whole id when those collide too). Unnamed runs use their id.
    /// </summary>
    public static Dictionary<string, string> UniqueNames(IReadOnlyList<(string Id, string? Name)> runs)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in runs.GroupBy(r => string.IsNullOrEmpty(r.Name) ? r.Id : r.Name, StringComparer.Ordinal))
        {
            var members = group.ToList();
            if (members.Count == 1)
            {
                names[members[0].Id] = group.Key;
                continue;
            }
            var shortIds = members.Select(m => m.Id.Length > 8 ? m.Id[..8] : m.Id).ToList();
            var distinct = shortIds.Distinct(StringComparer.Ordinal).Count() == members.Count;
            for (var i = 0; i < members.Count; i++)
                names[members[i].Id] = $"{group.Key} ({(distinct ? shortIds[i] : members[i].Id)})";
        }
        return names;
    }

    /// <summary>The prefix of run names: the store's folder relative to the loaded folder, empty when it is that folder (or above it).</summary>
    public static string Prefix(DiscoveryContext context, DirectoryInfo? storeFolder)
    {
        if (storeFolder is null)
            return "";
        var relative = context.Relative(storeFolder.FullName);
        return relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) ? "" : relative + "/";
    }

    /// <summary>The prefix of MLflow's own tags (mlflow/utils/mlflow_tags.py: <c>mlflow.runName</c>, <c>mlflow.user</c>, ...).</summary>
    public const string SystemTagPrefix = "mlflow.";

    /// <summary>
    /// A run's description with MLflow's names, experiment (as the variant), start time and status; the user's tags
    /// are the <see cref="RunInfo.Tags"/>, MLflow's own <c>mlflow.*</c> tags the <see cref="RunInfo.SystemTags"/>
    /// (as MLflow's UI keeps them apart).
    /// </summary>
    public static RunInfo Info(DirectoryInfo dir, DiscoveryContext context, string format, IReadOnlyList<RunFile> files,
        IReadOnlyDictionary<string, ConfigValue> config, string name, string experiment, long? startTime,
        string? status, IReadOnlyDictionary<string, string> tags) =>
        RunConventions.Info(dir, context, format, files, config, name) with
        {
            Variant = experiment,
            Timestamp = Timestamp(startTime),
            Status = status,
            Tags = Only(tags, system: false),
            SystemTags = Only(tags, system: true),
        };

    private static SortedDictionary<string, string> Only(IReadOnlyDictionary<string, string> tags, bool system) =>
        new(tags.Where(t => t.Key.StartsWith(SystemTagPrefix, StringComparison.Ordinal) == system).ToDictionary(), StringComparer.Ordinal);
}
