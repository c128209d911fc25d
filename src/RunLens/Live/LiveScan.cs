using System.Diagnostics;
using System.Globalization;
using RunLens.Live;
using RunLens.Scanning;

namespace RunLens;

/// <summary>
/// A scan that keeps up with runs while they are written. <see cref="Update"/> lists the runs again and reads only
/// what is new: the bytes appended to files it follows, and new files. Its <see cref="Result"/> is, after every
/// update, what a full <see cref="Run.Scan"/> of the files as they are then would give, except that a record still
/// being written at the end of a file is neither read nor reported until it is whole (<see cref="LiveStatus.PendingBytes"/>).
/// </summary>
/// <remarks>
/// <para>Followed by their readers (only new bytes are read): JSON arrays and JSON lines, CSV logs (SB3 and Ray
/// Tune <c>progress.csv</c>, other CSVs), gzip members appended, MLflow metric files, W&amp;B logs, and the event files
/// of a TensorBoard run whose discards are known without decoding every event again (appends to its last file; a new
/// file that discards nothing read joins). MLflow's SQLite stores are followed row by row (rows with a larger rowid;
/// the run is read again whole when rows read before were deleted or changed). Every other file (SB3 monitor groups,
/// whole-file formats, ...) is read again whole when it changed, and with it the other re-read files of its run, whose
/// reading may depend on it (TensorBoard's purges span a run's files: an event that discards points read before reads
/// the run again). The notes of <see cref="Result"/> say which.</para>
/// <para>A file replaced under its name (a rotated or rewritten log: shorter, other first bytes, or another file)
/// is read again from its start, with a note; a file gone from the listing no longer counts.</para>
/// </remarks>
/// <example><code>using var live = runs["ppo/seed1"].Follow(); live.Update(); live.Result.Field("reward")</code></example>
public sealed class LiveScan : IDisposable
{
    private readonly string _root;
    private readonly LoadOptions _load;
    private readonly IReadOnlySet<string>? _names;
    private readonly LiveOptions _options;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, Follower> _followers = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private long _previousRecords;
    private long _previousTicks;
    private bool _disposed;

    private LiveScan(string root, LoadOptions load, IReadOnlySet<string>? names, LiveOptions options)
    {
        options.Validate();
        _root = root;
        _load = load;
        _names = names;
        _options = options;
        _clock = options.Clock ?? TimeProvider.System;
        _startedAt = _clock.GetUtcNow();
        Runs = new RunSet(root, [], []);
        Result = new ScanResult(new ScanState(options.Scan), TimeSpan.Zero);
        Status = new LiveStatus(0, null, 0, 0, 0, null, 0, false, null, _clock.GetUtcNow());
        Update();
    }

    internal static LiveScan Start(string root, LoadOptions load, IReadOnlyList<string>? names, LiveOptions? options) =>
        new(root, load, names?.ToHashSet(StringComparer.Ordinal), options ?? LiveOptions.Default);

    /// <summary>
    /// Follows the runs under a folder (or one log file) while they are written, including runs that have not
    /// written anything yet: the first <see cref="Update"/> that finds files lists them.
    /// </summary>
    /// <param name="path">A folder of runs, one run's folder, or one log file, as for <see cref="RunLens.Runs.Load"/>.</param>
    /// <param name="load">Field mapping and other loading options; <see cref="LoadOptions.Default"/> when null.</param>
    /// <param name="options">Scan options and when the runs count as ended; <see cref="LiveOptions.Default"/> when null.</param>
    /// <example><code>using var live = LiveScan.Follow("runs/ppo"); live.Update(); live.Status</code></example>
    public static LiveScan Follow(string path, LoadOptions? load = null, LiveOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new LiveScan(System.IO.Path.GetFullPath(path), load ?? LoadOptions.Default, null, options ?? LiveOptions.Default);
    }

    /// <summary>The runs followed, as listed by the last update (new files and runs appear here).</summary>
    public RunSet Runs { get; private set; }

    /// <summary>The scan as of the last update: every whole record of every file then.</summary>
    public ScanResult Result { get; private set; }

    /// <summary>The status line of the last update: records, last step, rate, time since the last write, ended or not.</summary>
    public LiveStatus Status { get; private set; }

    /// <summary>Records the last update read: those appended to followed files, and every record of files read whole.</summary>
    internal long RecordsRead { get; private set; }

    /// <summary>True once the runs have ended (see <see cref="LiveStatus.Reason"/>).</summary>
    public bool Finished => Status.Finished;

    /// <summary>
    /// Brings <see cref="Result"/> up to date: lists the runs again, reads what was appended to followed files,
    /// reads new and changed files, and works out the <see cref="Status"/>. Returns the new result.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The live scan was stopped.</exception>
    public ScanResult Update()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        var listed = List();
        // Keyed by file: a file listed again is a new RunFile (new sizes, a new TensorBoard survey) of the same data.
        var files = listed.SelectMany(r => r.Info.Files.Select(f => (Run: r, File: f))).ToList();
        var byKey = new Dictionary<string, (Run Run, RunFile File)>(StringComparer.Ordinal);
        foreach (var entry in files)
            byKey.TryAdd(Key(entry.File), entry);
        var reread = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, (run, file)) in byKey)
        {
            var change = Change.Changed;
            if (_followers.TryGetValue(key, out var follower))
            {
                // The new listing's source takes over what the followed reader's run shares (TensorBoard's ledger).
                file.Source.Succeed(follower.File.Source);
                change = follower.Check(file);
            }
            if (change == Change.Replaced)
                Note(string.Create(CultureInfo.InvariantCulture, $"live: {file.RelativePath} was replaced (rotated or rewritten: shorter, other first bytes, or another file under the name); read again from its start"));
            if (change is Change.Replaced or Change.Changed)
                reread.Add(key);
        }
        foreach (var gone in _followers.Keys.Where(k => !byKey.ContainsKey(k)).ToList())
        {
            Note($"live: {_followers[gone].File.RelativePath} is no longer listed; its records no longer count");
            _followers[gone].Dispose();
            _followers.Remove(gone);
        }
        // Grown files read on from where they were; an event that discards points read before it (a TensorBoard
        // restart) unsettles its reader, and the file is read again like a changed one.
        var continuing = _followers.Where(f => f.Value.Followed && f.Value.Grew).ToList();
        System.Threading.Tasks.Parallel.ForEach(continuing, ParallelOptions(), f => f.Value.Continue());
        var bytesRead = continuing.Sum(f => f.Value.LastRead);
        var recordsRead = continuing.Sum(f => f.Value.LastRecords);
        foreach (var (key, follower) in continuing.Where(f => !f.Value.Settled))
        {
            Note($"live: {follower.File.RelativePath} cannot be read on from where it was (what was read of it no longer reads the same: rows deleted or changed, a TensorBoard restart at a step already read, bytes appended to an earlier event file of the run, a CSV x axis decided from too few rows); read again whole, with the files of its run whose reading depends on it");
            reread.Add(key);
        }
        // A file read again may change how its run's other files read: those not followed byte by byte (read whole
        // anyway when they change) and those whose reading spans the run (TensorBoard's purges), unless it is a new
        // file that changes nothing they read (TensorBoard: a restart above every step read).
        var changedRuns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in reread)
        {
            var (run, file) = byKey[key];
            var joins = !_followers.ContainsKey(key) && file.Source.JoinsFollowedSiblings();
            if (!joins)
                changedRuns.Add(run.Name);
            if (!joins && !_followers.ContainsKey(key) && file.Source.ReadsWithSiblings && byKey.Any(e => e.Value.Run.Name == run.Name && _followers.ContainsKey(e.Key)))
                Note($"live: {file.RelativePath} is new and changes how its run's other files read (a TensorBoard restart at a step already read, or discards that need every event decoded); the run's files are read again whole");
        }
        foreach (var (key, (run, file)) in byKey)
        {
            if (changedRuns.Contains(run.Name) && _followers.TryGetValue(key, out var f) && (!f.Followed || file.Source.ReadsWithSiblings))
                reread.Add(key);
        }
        var fresh = reread.ToList();
        foreach (var key in fresh)
        {
            if (_followers.Remove(key, out var old))
                old.Dispose();
        }
        var created = new Follower[fresh.Count];
        System.Threading.Tasks.Parallel.For(0, fresh.Count, ParallelOptions(), i => created[i] = Follower.Start(byKey[fresh[i]].File, byKey[fresh[i]].Run, _options.Scan));
        for (var i = 0; i < fresh.Count; i++)
            _followers[fresh[i]] = created[i];
        bytesRead += created.Sum(f => f.BytesRead);
        RecordsRead = recordsRead + created.Sum(f => f.Records);
        Runs = new RunSet(_root, listed, []);
        Result = Snapshot(byKey.Keys.Select(k => _followers[k]), clock.Elapsed);
        Status = StatusOf(listed, bytesRead);
        return Result;
    }

    /// <summary>
    /// Stops following and reads every file to its end as a full scan would, reporting what a full scan reports at the
    /// end of a file (a record cut off by a writer that stopped). Returns that final result; the files are closed.
    /// </summary>
    public ScanResult Stop()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var clock = Stopwatch.StartNew();
        foreach (var follower in _followers.Values)
            follower.Stop();
        Result = Snapshot(Runs.SelectMany(r => r.Info.Files).Select(f => _followers[Key(f)]), clock.Elapsed);
        Dispose();
        return Result;
    }

    /// <summary>Closes every file followed.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var follower in _followers.Values)
            follower.Dispose();
        _followers.Clear();
    }

    /// <inheritdoc />
    public override string ToString() => Status.ToString();

    private List<Run> List()
    {
        RunSet set;
        try
        {
            set = RunLens.Runs.Load(_root, _load);
        }
        catch (RunLoadException) when (Runs.Count == 0 && _names is null)
        {
            // Nothing written yet: a watch may start before the trainer's first file.
            return [];
        }
        return set.Where(r => _names is null || _names.Contains(r.Name)).ToList();
    }

    private ScanResult Snapshot(IEnumerable<Follower> followers, TimeSpan elapsed)
    {
        var total = new ScanState(_options.Scan);
        foreach (var follower in followers)
            follower.SnapshotInto(total);
        foreach (var note in _notes.Where(n => !total.Notes.Contains(n)))
            total.Notes.Add(note);
        var reread = _followers.Values.Where(f => !f.Followed && f.File.Format is { } format).Select(f => f.File.Format).Distinct().Order(StringComparer.Ordinal).ToList();
        if (reread.Count > 0)
            total.Notes.Add($"live: files of {string.Join(", ", reread)} cannot be followed byte by byte; each is read again whole when it changes");
        return new ScanResult(total, elapsed);
    }

    private LiveStatus StatusOf(IReadOnlyList<Run> runs, long bytesRead)
    {
        var now = _clock.GetUtcNow();
        var ticks = _clock.GetTimestamp();
        var rate = _previousTicks == 0 ? 0 : (Result.Records - _previousRecords) / Math.Max(1e-9, _clock.GetElapsedTime(_previousTicks, ticks).TotalSeconds);
        (_previousRecords, _previousTicks) = (Result.Records, ticks);
        DateTimeOffset? lastWrite = _followers.Count == 0 ? null : new DateTimeOffset(_followers.Values.Max(f => f.LastWrite), TimeSpan.Zero);
        var pending = _followers.Values.Sum(f => f.PendingBytes);
        string? reason = null;
        if (_options.StopAtRecordedEnd && runs.Count > 0 && runs.All(r => RunEnds.HasEnded(r.Info.Status)))
            reason = "status " + string.Join(", ", runs.Select(r => r.Info.Status).Distinct(StringComparer.Ordinal));
        // Idle since the last write, or since the watch began when nothing was written (a trainer that died before
        // its first file would otherwise be waited for forever).
        else if (_options.IdleTimeout != Timeout.InfiniteTimeSpan && now - (lastWrite ?? _startedAt) >= _options.IdleTimeout)
            reason = string.Create(CultureInfo.InvariantCulture, $"{(lastWrite is null ? "nothing written in" : "no writes for")} {_options.IdleTimeout.TotalSeconds:0} s");
        return new LiveStatus(Result.Records, Result.StepMax, Result.Files, bytesRead, rate, lastWrite, pending, reason is not null, reason, now);
    }

    private ParallelOptions ParallelOptions() =>
        new() { MaxDegreeOfParallelism = _options.Scan.EffectiveThreads, CancellationToken = _options.Scan.Cancellation };

    private void Note(string note)
    {
        if (!_notes.Contains(note))
            _notes.Add(note);
    }

    private static string Key(RunFile file) => file.RelativePath + "\n" + file.Stream + "\n" + file.Format;

    private enum Change { None, Grown, Changed, Replaced }

    /// <summary>One file followed: its worker (the reader kept open at the end, or the state of a whole read) and its stamp.</summary>
    private sealed class Follower : IDisposable
    {
        private readonly ScanWorker _worker;
        private readonly List<FileStamp> _stamps;
        private RunFile? _listed;

        private Follower(RunFile file, ScanWorker worker, List<FileStamp> stamps, bool followed)
        {
            File = file;
            _worker = worker;
            _stamps = stamps;
            Followed = followed;
        }

        public RunFile File { get; }

        public bool Followed { get; private set; }

        public bool Grew { get; private set; }

        public long BytesRead { get; private set; }

        public long Records => _worker.Records;

        public long PendingBytes => _worker.PendingBytes;

        public bool Settled => _worker.Settled;

        /// <summary>When the file, or a file its writer writes beside it (a database's write-ahead log), was last written.</summary>
        public DateTime LastWrite => _stamps.Select(s => s.LastWrite).Concat(File.Source.SidePaths(File).Select(System.IO.File.GetLastWriteTimeUtc)).DefaultIfEmpty(DateTime.MinValue).Max();

        public static Follower Start(RunFile file, Run run, ScanOptions options)
        {
            // Stamps first: a write after them is seen as a change next time, never missed.
            var stamps = file.DiskPaths.Select(FileStamp.Take).OfType<FileStamp>().ToList();
            var worker = new ScanWorker(run.FieldMap, options, new ScanProgressCounter(1, file.Bytes));
            var followed = worker.Follow(file);
            return new Follower(file, worker, stamps, followed)
            {
                BytesRead = followed ? worker.FollowedBytes : stamps.Sum(s => s.Length),
            };
        }

        /// <summary>How the file changed since it was stamped; a followed file that grew is marked to continue.</summary>
        public Change Check(RunFile listed)
        {
            Grew = false;
            _listed = listed;
            var now = listed.DiskPaths.Select(FileStamp.Take).ToList();
            if (now.Count != _stamps.Count || now.Any(s => s is null) || !now.Select(s => s!.Path).SequenceEqual(_stamps.Select(s => s.Path)))
            {
                Dispose(now);
                return Followed ? Change.Replaced : Change.Changed;
            }
            // A database changes in place, and in WAL mode not at all until a checkpoint: its reader finds what is new.
            var inPlace = Followed && listed.Source.ChangesInPlace;
            var change = !inPlace ? Change.None : _stamps.Zip(now).All(s => s.First.SameFile(s.Second!)) ? Change.Grown : Change.Replaced;
            for (var i = 0; i < now.Count && !inPlace; i++)
            {
                var (before, after) = (_stamps[i], now[i]!);
                if (!before.Changed(after))
                    continue;
                if (!Followed)
                    change = Change.Changed;
                else if (!before.SameFileGrown(after) || after.Length < _worker.FollowedBytes)
                    change = Change.Replaced;
                else
                    change = _worker.Settled ? Change.Grown : Change.Changed;
                if (change != Change.Grown)
                    break;
            }
            if (change == Change.Grown)
            {
                // Keep the stamps of the file first opened (their held handles tell a replaced file), with the new sizes.
                Grew = true;
                for (var i = 0; i < now.Count; i++)
                {
                    _stamps[i].Dispose();
                    _stamps[i] = now[i]!;
                }
                return change;
            }
            Dispose(now);
            return change;
        }

        /// <summary>Bytes the last <see cref="Continue"/> read.</summary>
        public long LastRead { get; private set; }

        /// <summary>Records the last <see cref="Continue"/> read.</summary>
        public long LastRecords { get; private set; }

        public void Continue()
        {
            var (before, records) = (_worker.FollowedBytes, _worker.Records);
            _worker.Continue(_listed);
            LastRead = _worker.FollowedBytes - before;
            LastRecords = _worker.Records - records;
            BytesRead += LastRead;
        }

        public void Stop()
        {
            if (Followed)
                _worker.StopFollowing();
            Followed = false;
        }

        public void SnapshotInto(ScanState total) => _worker.SnapshotInto(total);

        public void Dispose()
        {
            if (Followed)
                _worker.Abandon();
            Followed = false;
            Dispose(_stamps);
        }

        private static void Dispose(IEnumerable<FileStamp?> stamps)
        {
            foreach (var stamp in stamps)
                stamp?.Dispose();
        }
    }
}
