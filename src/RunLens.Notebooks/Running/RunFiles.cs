using System.Collections;

namespace RunLens.Notebooks;

/// <summary>
/// The data files behind the <see cref="RunSet"/> and <see cref="RunLens.Run"/> values a notebook held, for a report's
/// provenance. Matched by type name as well, so runs from a RunLens.dll loaded a second time still count.
/// </summary>
internal static class RunFiles
{
    public static IReadOnlyList<string> From(IEnumerable<object?> values)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (IsType(value, "RunLens.RunSet") && value is IEnumerable runs)
            {
                foreach (var run in runs)
                    AddRun(run, files);
            }
            else if (IsType(value, "RunLens.Run"))
            {
                AddRun(value, files);
            }
        }
        return [.. files];
    }

    private static bool IsType(object? value, string fullName) => value?.GetType().FullName == fullName;

    private static void AddRun(object? run, SortedSet<string> files)
    {
        if (run is Run typed)
        {
            files.UnionWith(typed.Info.Files.SelectMany(f => f.DiskPaths));
            return;
        }
        var info = run?.GetType().GetProperty("Info")?.GetValue(run);
        if (info?.GetType().GetProperty("Files")?.GetValue(info) is not IEnumerable list)
            return;
        foreach (var file in list)
            if (file?.GetType().GetProperty("Path")?.GetValue(file) is string path)
                files.Add(path);
    }
}
