using System.Globalization;
using RunLens.Fields;

namespace RunLens.Loading.Episodes;

/// <summary>
/// Gathers one episode's steps from step records. The summary (return, length, reward components, last step) covers
/// every step; the per-step lists keep the first <see cref="MaxTrajectorySteps"/> steps, so one episode of a log
/// without boundaries cannot fill memory.
/// </summary>
internal sealed class StepEpisodeBuilder(FieldTable fields, StepFields kinds)
{
    /// <summary>The most steps a trajectory keeps (the replay widget shows at most a few hundred anyway).</summary>
    public const int MaxTrajectorySteps = 10_000;

    private readonly List<double> _rewards = [];
    private readonly List<double> _x = [];
    private readonly List<double> _y = [];
    private readonly List<double> _z = [];
    private readonly List<double> _maps = [];
    private readonly List<double> _actions = [];
    private readonly Dictionary<int, List<double>> _tracks = [];
    private readonly Dictionary<int, double> _components = [];
    private bool _hasPosition, _hasZ, _hasMap, _hasAction;

    /// <summary>The steps so far (also past the trajectory cap).</summary>
    public long Steps { get; private set; }

    /// <summary>The step of the last record added.</summary>
    public long LastStep { get; private set; }

    /// <summary>Where the first step came from.</summary>
    public string Source { get; private set; } = "";

    /// <summary>Steps (kept in the trajectory) without a position, across every episode built.</summary>
    public long StepsWithoutPosition { get; private set; }

    /// <summary>Steps without any reward field, across every episode built.</summary>
    public long StepsWithoutReward { get; private set; }

    /// <summary>Episodes whose trajectory was cut at <see cref="MaxTrajectorySteps"/>.</summary>
    public int Capped { get; private set; }

    private double _return;

    /// <summary>Adds one record as the next step.</summary>
    public void Add(RecordBuffer record, long step, string source)
    {
        if (Steps == 0)
            Source = source;
        LastStep = step;
        var keep = Steps < MaxTrajectorySteps;
        var t = _rewards.Count;
        double total = double.NaN, parts = 0;
        var hasPart = false;
        var fieldIds = record.Fields;
        var values = record.Values;
        if (keep)
        {
            _x.Add(double.NaN);
            _y.Add(double.NaN);
            _z.Add(double.NaN);
            _maps.Add(double.NaN);
            _actions.Add(double.NaN);
        }
        for (var i = 0; i < fieldIds.Length; i++)
        {
            var (id, value) = (fieldIds[i], values[i]);
            switch (kinds[id])
            {
                case StepFieldKind.RewardTotal:
                    total = value;
                    break;
                case StepFieldKind.RewardComponent:
                    if (double.IsFinite(value))
                    {
                        parts += value;
                        hasPart = true;
                        _components[id] = _components.GetValueOrDefault(id) + value;
                    }
                    if (keep)
                        Track(id, t, value);
                    break;
                case StepFieldKind.Track when keep:
                    Track(id, t, value);
                    break;
                case StepFieldKind.X when keep:
                    (_x[t], _hasPosition) = (value, true);
                    break;
                case StepFieldKind.Y when keep:
                    (_y[t], _hasPosition) = (value, true);
                    break;
                case StepFieldKind.Z when keep:
                    (_z[t], _hasZ) = (value, true);
                    break;
                case StepFieldKind.Map when keep:
                    (_maps[t], _hasMap) = (value, true);
                    break;
                case StepFieldKind.Action when keep:
                    (_actions[t], _hasAction) = (value, true);
                    break;
            }
        }
        // A NaN total (a JSON NaN, an empty CSV cell) falls back to the components, and to 0 without them.
        var reward = double.IsFinite(total) ? total : hasPart ? parts : 0;
        if (!double.IsFinite(total) && !hasPart)
            StepsWithoutReward++;
        _return += reward;
        if (keep)
            _rewards.Add(reward);
        Steps++;
    }

    private void Track(int id, int t, double value)
    {
        if (!_tracks.TryGetValue(id, out var list))
        {
            // A field first met at step t had no value in the steps before.
            list = new List<double>(Math.Max(t + 1, 16));
            for (var i = 0; i < t; i++)
                list.Add(double.NaN);
            _tracks.Add(id, list);
        }
        while (list.Count < t)
            list.Add(double.NaN);
        list.Add(value);
    }

    /// <summary>The episode built so far as an <see cref="Episode"/>; then starts afresh.</summary>
    public Episode Finish(int index)
    {
        var length = _rewards.Count;
        if (Steps > length)
            Capped++;
        var tracks = new SortedDictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var (id, list) in _tracks)
        {
            while (list.Count < length)
                list.Add(double.NaN);
            tracks[fields.Names[id]] = list.ToArray();
        }
        var components = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, sum) in _components)
            components[fields.Aliases[id][FieldMap.RewardPrefix.Length..]] = sum;
        var episode = new Episode(index, _return, Steps)
        {
            Kind = EpisodeKinds.Training,
            TrainingStep = LastStep,
            Source = Source,
            RewardComponents = components,
            Trajectory = new Trajectory(_rewards.ToArray())
            {
                Positions = _hasPosition ? Positions() : null,
                Maps = _hasMap ? Maps() : null,
                Actions = _hasAction ? _actions.Select(a => new[] { a }).ToArray() : null,
                Tracks = tracks,
                RewardTracks = _tracks.Keys.Where(id => kinds[id] == StepFieldKind.RewardComponent).Select(id => fields.Names[id]).Order(StringComparer.Ordinal).ToList(),
            },
        };
        Clear();
        return episode;
    }

    /// <summary>Forgets the episode in progress (the reader switched to a lower environment).</summary>
    public void Clear()
    {
        _rewards.Clear();
        _x.Clear();
        _y.Clear();
        _z.Clear();
        _maps.Clear();
        _actions.Clear();
        _tracks.Clear();
        _components.Clear();
        _hasPosition = _hasZ = _hasMap = _hasAction = false;
        _return = 0;
        Steps = 0;
    }

    /// <summary>Zeroes the counts kept across episodes (the reader started over with another environment).</summary>
    public void ResetCounts() => (StepsWithoutPosition, StepsWithoutReward, Capped) = (0, 0, 0);

    /// <summary>
    /// [x, y] or [x, y, z] per step. A step without a position repeats the previous one (the first known one for
    /// steps before it), so a path has no holes; the steps are counted in <see cref="StepsWithoutPosition"/>.
    /// </summary>
    private double[][] Positions()
    {
        var positions = new double[_x.Count][];
        var first = Enumerable.Range(0, _x.Count).First(i => !double.IsNaN(_x[i]) || !double.IsNaN(_y[i]));
        double[]? previous = null;
        for (var t = 0; t < positions.Length; t++)
        {
            var (x, y, z) = (_x[t], _y[t], _z[t]);
            if (double.IsNaN(x) || double.IsNaN(y) || (_hasZ && double.IsNaN(z)))
            {
                StepsWithoutPosition++;
                positions[t] = previous ?? Fill(first);
                continue;
            }
            previous = positions[t] = _hasZ ? [x, y, z] : [x, y];
        }
        return positions;
    }

    private double[] Fill(int t) => _hasZ
        ? [Or0(_x[t]), Or0(_y[t]), Or0(_z[t])]
        : [Or0(_x[t]), Or0(_y[t])];

    private static double Or0(double v) => double.IsNaN(v) ? 0 : v;

    /// <summary>The map per step as invariant text ("40"); a step without one keeps the previous map.</summary>
    private string[] Maps()
    {
        var maps = new string[_maps.Count];
        var names = new Dictionary<double, string>();
        // Steps before the first map get the first map.
        var previous = _maps.First(m => !double.IsNaN(m)).ToString("R", CultureInfo.InvariantCulture);
        for (var t = 0; t < maps.Length; t++)
        {
            var value = _maps[t];
            if (double.IsNaN(value))
            {
                maps[t] = previous;
                continue;
            }
            if (!names.TryGetValue(value, out var name))
                names.Add(value, name = value.ToString("R", CultureInfo.InvariantCulture));
            maps[t] = previous = name;
        }
        return maps;
    }
}
