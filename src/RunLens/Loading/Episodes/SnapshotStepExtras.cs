using System.Text.Json;

namespace RunLens.Loading.Episodes;

/// <summary>
/// The per-step data of a snapshot beyond position, orientation, action and reward: the <c>tracks</c> object, any
/// other number of the step (also a track, so a writer's extra field is shown rather than ignored) and the
/// <c>grid</c>. Tracks have NaN at steps without them; a step without a grid, or with a malformed one (reported
/// with the file and step), gets an empty grid when other steps have one.
/// </summary>
internal sealed class SnapshotStepExtras(int count, string path)
{
    /// <summary>Step properties that are not tracks.</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "t", "reward", "position", "orientation", "action", "tracks", "grid" };

    private static readonly int[][] NoGrid = [];

    private readonly SortedDictionary<string, double[]> _tracks = new(StringComparer.Ordinal);
    private int[][][]? _grids;

    /// <summary>Reads step <paramref name="t"/>'s extras.</summary>
    public void Add(int t, JsonElement step, List<LoadIssue> issues)
    {
        foreach (var property in step.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && !Known.Contains(property.Name))
                Set(property.Name, t, property.Value.GetDouble());
        }
        // The tracks object comes second so its values win over a same-named bare field.
        if (step.TryGetProperty("tracks", out var tracks) && tracks.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in tracks.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number)
                    Set(property.Name, t, property.Value.GetDouble());
            }
        }
        if (step.TryGetProperty("grid", out var grid))
        {
            _grids ??= Enumerable.Repeat(NoGrid, count).ToArray();
            if (Grid(grid, out var error) is { } cells)
            {
                _grids[t] = cells;
            }
            else
            {
                issues.Add(new LoadIssue(path, null, null, FormattableString.Invariant(
                    $"step {t}: \"grid\" {error}; that step has no grid (an empty one), the rest of the snapshot loads")));
            }
        }
    }

    /// <summary>The tracks by name, each one value per step.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Tracks =>
        _tracks.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value, StringComparer.Ordinal);

    /// <summary>One grid per step, or null when no step has one.</summary>
    public IReadOnlyList<int[][]>? Grids => _grids;

    private void Set(string name, int t, double value)
    {
        if (!_tracks.TryGetValue(name, out var values))
            _tracks.Add(name, values = Enumerable.Repeat(double.NaN, count).ToArray());
        values[t] = value;
    }

    /// <summary>The grid's rows, or null with what is wrong: not an array of equally long rows of integers.</summary>
    private static int[][]? Grid(JsonElement grid, out string error)
    {
        error = "";
        if (grid.ValueKind != JsonValueKind.Array)
        {
            error = "is not an array of rows";
            return null;
        }
        var rows = new int[grid.GetArrayLength()][];
        var r = 0;
        foreach (var row in grid.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                error = FormattableString.Invariant($"row {r} is not an array");
                return null;
            }
            var cells = rows[r] = new int[row.GetArrayLength()];
            if (cells.Length != rows[0].Length)
            {
                error = FormattableString.Invariant($"is ragged: row {r} has {cells.Length} cells, row 0 has {rows[0].Length}");
                return null;
            }
            var c = 0;
            foreach (var cell in row.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Number || !cell.TryGetInt32(out cells[c]))
                {
                    error = FormattableString.Invariant($"row {r} cell {c} is not an integer ({Short(cell.GetRawText())})");
                    return null;
                }
                c++;
            }
            r++;
        }
        return rows;
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
