using System.Globalization;
using RunLens.Fields;

namespace RunLens.Loading.Episodes;

/// <summary>
/// Cuts a run's per-step records (the exploration game's <c>json_logs</c>, PokemonRed's <c>agent_stats</c> CSVs)
/// into episodes of one environment, reading every file once through the ordinary record readers. See
/// <see cref="Run.StepEpisodes"/> for the rules.
/// </summary>
internal sealed class StepEpisodeReader
{
    /// <summary>Configuration keys giving the episode length, best first.</summary>
    public static readonly string[] LengthKeys = ["episode_length", "max_steps", "max_episode_steps"];

    private readonly Run _run;
    private readonly double? _env;
    private readonly int _maxEpisodes;
    private readonly long? _length;
    private readonly FieldTable _fields;
    private readonly StepFields _kinds;
    private readonly StepEpisodeBuilder _builder;
    private readonly ScanIssues _issues = new();
    private readonly Queue<Episode> _kept = new();
    private readonly SortedSet<double> _envsSeen = [];

    // The environment being cut (NaN: records without an env field), and the state of its last record.
    private double _selected = double.NaN;
    private bool _selectedAny;
    private int _cut;
    private long _ordinal;
    private long _previousStep = long.MinValue;
    private double _previousEpisode = double.NaN;
    private bool _previousDone;
    private bool _headerPending;
    private long _withoutEnv;

    private StepEpisodeReader(Run run, int? env, int maxEpisodes, long? length)
    {
        _run = run;
        _env = env;
        _maxEpisodes = maxEpisodes;
        _length = length;
        _fields = new FieldTable(run.FieldMap);
        _kinds = new StepFields(_fields);
        _builder = new StepEpisodeBuilder(_fields, _kinds);
    }

    public static EpisodeSet Read(Run run, int? env, int maxEpisodes, int? episodeLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEpisodes);
        if (episodeLength is { } l)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l, nameof(episodeLength));
        var reader = new StepEpisodeReader(run, env, maxEpisodes, episodeLength ?? LengthFromConfig(run.Info.Config));
        return reader.ReadAll();
    }

    /// <summary>The configured episode length: an exact key first, then a nested one (<c>env.max_steps</c>).</summary>
    private static long? LengthFromConfig(IReadOnlyDictionary<string, ConfigValue> config)
    {
        foreach (var key in LengthKeys)
        {
            var match = config.TryGetValue(key, out var exact) ? exact
                : config.Where(p => p.Key.EndsWith("." + key, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => p.Value).FirstOrDefault();
            if (match.Number is { } n && n >= 1 && n == Math.Floor(n) && n < long.MaxValue)
                return (long)n;
        }
        return null;
    }

    private EpisodeSet ReadAll()
    {
        var record = new RecordBuffer();
        foreach (var file in _run.Info.Files)
        {
            try
            {
                ReadFile(file, record);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _issues.Add(new LoadIssue(file.Path, null, null, $"cannot read: {ex.Message}; its steps are not in the episodes"), null);
            }
            catch (NotSupportedException ex)
            {
                _issues.Add(new LoadIssue(file.Path, null, null, $"{ex.Message} Its steps are not in the episodes."), null);
            }
        }
        if (_builder.Steps > 0)
        {
            if (_length is { } length && _builder.Steps < length && !_kinds.Seen(StepFields.EpisodeNames) && !_kinds.Seen(StepFields.DoneNames))
                Note(FormattableString.Invariant($"the last episode has {_builder.Steps} steps, fewer than the configured episode length {length}: the log ends mid-episode (it is kept)"));
            Keep(_builder.Finish(_cut++));
        }
        _issues.EndFile();
        Summarize();
        return new EpisodeSet(_kept.ToList(), _issues.Issues);
    }

    private void ReadFile(RunFile file, RecordBuffer record)
    {
        using var reader = file.Open(_fields, _issues);
        var headers = 0;
        long fileOrdinal = 0, notSteps = 0;
        while (reader.Read(record, wantText: false))
        {
            fileOrdinal++;
            // PokemonRed appends the header again after each reset: the next row starts an episode.
            if (reader.Restarts != headers)
            {
                headers = reader.Restarts;
                _headerPending = true;
            }
            _kinds.Refresh();
            if (!Inspect(record, out var env, out var episode, out var done))
            {
                notSteps++;
                continue;
            }
            if (!Select(env))
                continue;
            var step = record.StepOf(_fields, _ordinal, out var hadStep);
            _ordinal++;
            if (_builder.Steps > 0 && IsBoundary(file, record, step, hadStep, episode))
                Keep(_builder.Finish(_cut++));
            _headerPending = false;
            var source = double.IsNaN(env) ? file.RelativePath : FormattableString.Invariant($"{file.RelativePath} (env {env})");
            _builder.Add(record, step, source);
            (_previousStep, _previousEpisode, _previousDone) = (step, episode, done);
        }
        if (notSteps > 0)
        {
            _issues.Add(new LoadIssue(file.Path, null, null, FormattableString.Invariant(
                $"{notSteps} of {fileOrdinal} records have no step field and no position (per-episode summaries, not steps); they are not in the episodes")), null);
        }
    }

    /// <summary>Reads the fields that decide where a record goes; false when it is not a step record.</summary>
    private bool Inspect(RecordBuffer record, out double env, out double episode, out bool done)
    {
        (env, episode, done) = (double.NaN, double.NaN, false);
        var isStep = false;
        var ids = record.Fields;
        var values = record.Values;
        for (var i = 0; i < ids.Length; i++)
        {
            switch (_kinds[ids[i]])
            {
                case StepFieldKind.Env:
                    env = values[i];
                    break;
                case StepFieldKind.Episode:
                    episode = values[i];
                    break;
                case StepFieldKind.Done:
                    done |= values[i] != 0 && !double.IsNaN(values[i]);
                    break;
                case StepFieldKind.Step or StepFieldKind.X or StepFieldKind.Y or StepFieldKind.Z:
                    isStep = true;
                    break;
            }
        }
        return isStep;
    }

    /// <summary>
    /// True when the record belongs to the environment being cut. Without a requested environment the lowest one
    /// seen wins: meeting a lower one drops what was gathered and starts over with it (every record of an
    /// environment comes after its first one, so nothing of the new one was missed).
    /// </summary>
    private bool Select(double env)
    {
        if (double.IsNaN(env))
            _withoutEnv++;
        else if (_envsSeen.Count < 10_000)
            _envsSeen.Add(env);
        if (_env is { } wanted)
            return env == wanted;
        if (!_selectedAny || (!double.IsNaN(env) && (double.IsNaN(_selected) || env < _selected)))
        {
            if (_selectedAny && _builder.Steps + _cut > 0)
                Restart();
            (_selected, _selectedAny) = (env, true);
        }
        return env.Equals(_selected);
    }

    private void Restart()
    {
        _builder.Clear();
        _builder.ResetCounts();
        _kept.Clear();
        _cut = 0;
        _ordinal = 0;
        (_previousStep, _previousEpisode, _previousDone, _headerPending) = (long.MinValue, double.NaN, false, false);
    }

    /// <summary>
    /// Whether <paramref name="step"/> starts a new episode, by the strongest evidence the log has: the episode
    /// field changed, the previous record was done, the header was repeated, the step went back; else the
    /// configured length (only when the log has no episode or done field).
    /// </summary>
    private bool IsBoundary(RunFile file, RecordBuffer record, long step, bool hadStep, double episode)
    {
        if (!episode.Equals(_previousEpisode) || _previousDone || _headerPending)
            return true;
        if (step < _previousStep)
        {
            // Back to the start is a reset; back to elsewhere is more likely records out of order.
            if (step != 0 && hadStep)
            {
                _issues.Add(new LoadIssue(file.Path, record.Offset, null, FormattableString.Invariant(
                    $"the step went back from {_previousStep} to {step} (not to 0: records out of order, or a reset that does not restart at 0); a new episode starts here")), null);
            }
            return true;
        }
        return _length is { } length && step != _previousStep && step % length == 0
            && !_kinds.Seen(StepFields.EpisodeNames) && !_kinds.Seen(StepFields.DoneNames);
    }

    private void Keep(Episode episode)
    {
        _kept.Enqueue(episode);
        if (_kept.Count > _maxEpisodes)
            _kept.Dequeue();
    }

    private void Note(string message) => _issues.Add(new LoadIssue(_run.Info.Root, null, null, message), null);

    /// <summary>Adds the issues that concern the whole cut: what was left out and what was filled in.</summary>
    private void Summarize()
    {
        var which = _env is { } e ? Env(e) : _selectedAny && !double.IsNaN(_selected) ? Env(_selected) : "the run";
        if (_cut == 0)
        {
            var seen = _envsSeen.Count > 0 ? "; environments seen: " + string.Join(", ", _envsSeen.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) : "";
            Note($"no step records of {which}{seen}");
        }
        var left = _cut - _kept.Count;
        if (left > 0)
        {
            Note(string.Create(CultureInfo.InvariantCulture,
                $"{left} earlier episodes of {which} are left out: only the last {_maxEpisodes} of {_cut} are kept (memory stays bounded); StepEpisodes(maxEpisodes: {_cut}) returns them all"));
        }
        if (_selectedAny && !double.IsNaN(_selected) && _withoutEnv > 0)
            Note(FormattableString.Invariant($"{_withoutEnv} step records have no env field; they are left out of {which}'s episodes"));
        if (_builder.StepsWithoutReward > 0)
            Note(FormattableString.Invariant($"{_builder.StepsWithoutReward} steps have no reward field (rewards.total or rewards.<component>): their reward is 0"));
        if (_builder.StepsWithoutPosition > 0)
            Note(FormattableString.Invariant($"{_builder.StepsWithoutPosition} steps have no position: each repeats the position before it (the first steps, the first position known)"));
        if (_builder.Capped > 0)
        {
            Note(FormattableString.Invariant(
                $"{_builder.Capped} episodes are longer than {StepEpisodeBuilder.MaxTrajectorySteps} steps: their trajectories keep the first {StepEpisodeBuilder.MaxTrajectorySteps}; return and length count every step"));
        }
        _issues.EndFile();
    }

    private static string Env(double env) => string.Create(CultureInfo.InvariantCulture, $"env {env}");
}
