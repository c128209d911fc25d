using System.Collections;
using System.Globalization;
using System.Numerics;
using Razorvine.Pickle.Objects;
using RunLens.Formats.Pickle;

namespace RunLens.Formats.Maze;

/// <summary>One numeric part of a Maze state or action: its dotted path (dict keys, attributes) and its values.</summary>
/// <param name="Path">The path, "" for the value itself (a gym observation array).</param>
/// <param name="Values">The numbers (an array's values in C order; one for a scalar).</param>
/// <param name="Array">The array the values come from, if any (its shape tells grids from vectors).</param>
internal sealed record Leaf(string Path, double[] Values, NumpyArray? Array);

/// <summary>
/// Walks the data a pickle gave (dicts, lists, tuples, numbers, decoded numpy arrays, <see cref="PyObject"/>s) and
/// collects its numeric parts. Dict keys and attributes are taken in ordinal order (the unpickled dicts keep no
/// order); a list of numbers is one part; text, None and undecodable arrays are no part (the latter are counted in
/// <c>problems</c>). Maze's <c>RawState</c> and <c>RawMazeAction</c> wrappers (records of gym envs without Maze
/// states) are looked through.
/// </summary>
internal static class PickleValues
{
    private const int MaxDepth = 8;

    public static List<Leaf> Leaves(object? value, HashSet<string> problems)
    {
        var leaves = new List<Leaf>();
        Walk(value, "", leaves, problems, 0);
        return leaves;
    }

    /// <summary>A number from a Python number, bool or numpy scalar; null otherwise.</summary>
    public static double? Number(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        int i => i,
        long l => l,
        double d => d,
        float f => f,
        short s => s,
        byte b => b,
        decimal m => (double)m,
        BigInteger big => (double)big,
        _ => null,
    };

    /// <summary>
    /// A reward as one number: a scalar, or the sum of a reward array or dict (Maze's
    /// <c>SpacesTrajectoryRecord.total_reward</c> sums the per-actor rewards too); NaN for None or anything else.
    /// </summary>
    public static double Reward(object? value)
    {
        if (Number(value) is { } n)
            return n;
        if (value is NumpyArray { Problem: null } array)
            return array.Data.Sum();
        if (value is Hashtable dict)
            return dict.Values.Cast<object?>().Select(Reward).Sum();
        return double.NaN;
    }

    /// <summary>A short description of what a value is, for messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        PyObject { State: null, Args.Length: > 0 } call => $"a call to {call.ClassName}(...), which RunLens does not run",
        PyObject obj => $"a {obj.ClassName} object",
        ClassDict dict => $"a {dict.ClassName} object",
        PyClass cls => $"a reference to {cls.Name}",
        Hashtable => "a dict",
        ArrayList => "a list",
        object[] => "a tuple",
        string => "a string",
        _ => Number(value) is not null ? "a number" : $"a {value.GetType().Name}",
    };

    private static void Walk(object? value, string path, List<Leaf> leaves, HashSet<string> problems, int depth)
    {
        if (depth > MaxDepth || value is null or string or byte[])
            return;
        if (Number(value) is { } number)
        {
            leaves.Add(new Leaf(path, [number], null));
            return;
        }
        switch (value)
        {
            case NumpyArray array:
                if (array.Problem is null)
                    leaves.Add(new Leaf(path, array.Data, array));
                else
                    problems.Add($"'{(path.Length == 0 ? "(whole value)" : path)}': {array.Problem}");
                return;
            case PyObject { ClassName: var name } obj when name.EndsWith(".RawState", StringComparison.Ordinal):
                Walk(obj.Attribute("observation"), path, leaves, problems, depth + 1);
                return;
            case PyObject { ClassName: var name } obj when name.EndsWith(".RawMazeAction", StringComparison.Ordinal):
                Walk(obj.Attribute("action"), path, leaves, problems, depth + 1);
                return;
            case PyObject obj:
                if (obj.State is Hashtable state)
                    WalkDict(state, path, leaves, problems, depth);
                else if (obj.State is object[] parts)
                    foreach (var part in parts.OfType<Hashtable>())
                        WalkDict(part, path, leaves, problems, depth);
                else if (obj.Args.Length > 0 && obj.State is null)
                    WalkItems(obj.Args, path, leaves, problems, depth); // a NamedTuple or an Enum: its values
                return;
            case ClassDict dict:
                foreach (var key in dict.Keys.Where(k => k != "__class__").Order(StringComparer.Ordinal))
                    Walk(dict[key], Join(path, key), leaves, problems, depth + 1);
                return;
            case Hashtable table:
                WalkDict(table, path, leaves, problems, depth);
                return;
            case IList list:
                WalkItems(list, path, leaves, problems, depth);
                return;
        }
    }

    private static void WalkDict(Hashtable dict, string path, List<Leaf> leaves, HashSet<string> problems, int depth)
    {
        var keys = dict.Keys.Cast<object>().Select(k => (Key: k, Name: Convert.ToString(k, CultureInfo.InvariantCulture) ?? ""))
            .OrderBy(k => k.Name, StringComparer.Ordinal);
        foreach (var (key, name) in keys)
            Walk(dict[key], Join(path, name), leaves, problems, depth + 1);
    }

    private static void WalkItems(IList items, string path, List<Leaf> leaves, HashSet<string> problems, int depth)
    {
        var numbers = new double[items.Count];
        var allNumbers = items.Count > 0;
        for (var i = 0; i < items.Count && allNumbers; i++)
        {
            if (Number(items[i]) is { } n)
                numbers[i] = n;
            else
                allNumbers = false;
        }
        if (allNumbers)
        {
            leaves.Add(new Leaf(path, numbers, null));
            return;
        }
        for (var i = 0; i < items.Count; i++)
            Walk(items[i], FormattableString.Invariant($"{path}[{i}]"), leaves, problems, depth + 1);
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
