using RunLens.Loading;
using RunLens.Loading.Discovery;

namespace RunLens.Formats.RayTune;

internal sealed partial class RayTuneFormat
{
    /// <summary>
    /// Picks the trial's data source (<c>result.json</c>, else <c>progress.csv</c>, else the zip's, else an extracted
    /// copy's, else the event files) and makes the others mirrors: Tune writes each result to all of them, and each is
    /// skipped only where the verified-mirror check (<see cref="Mirrors"/>) finds it holds the same points, metric by
    /// metric; what it alone holds is read. The notes say which file was read and what each mirror's check found.
    /// </summary>
    private static void ChooseData(PreparedTrial trial, RayTrialFolder folder, DiscoveryContext context)
    {
        var issues = context.Issues;
        var read = (string?)null;
        var mirrors = new List<(string Description, List<RunFile> Files)>();
        var empty = new List<string>();

        if (folder.Result is { } result)
        {
            if (result.Length == 0)
                empty.Add(result.Name);
            else if (IsPickle(result))
                issues.Add(new LoadIssue(result.FullName, 0, null, "not JSON: a binary Python pickle (it starts with byte 0x80); the file is skipped"));
            else
                Take(RayTrialFolder.ResultName, context.Describe(result, RaySource.Result));
        }
        if (folder.Progress is { } progress)
        {
            if (progress.Length == 0)
                empty.Add(progress.Name);
            else
                Take(RayTrialFolder.ProgressName, context.Describe(progress, RaySource.Progress));
        }
        if (folder.Zip is { } zip)
        {
            if (folder.ZipProblem is { } problem)
                issues.Add(new LoadIssue(zip.FullName, null, null, $"cannot read the zip: {problem}; its results are not read"));
            // A zip of several trials gives one run per trial (see Prepare); here the zip holds this trial's results.
            var top = folder.ZipTrials.Count == 1 ? folder.ZipTrials[0] : null;
            if (top is { Progress: { } entry, ProgressBytes: > 0 })
                Take($"{RayTrialFolder.ZipName} ({entry})", context.Describe(zip, new RaySource(RayTuneFiles.Progress, entry), entry));
            else if (top is { Result: { } json })
                trial.Notes.Add($"{RayTrialFolder.ZipName} holds {json}, which is read from files only: extract it to read it");
            else if (top is { Progress: { } emptyEntry })
                empty.Add($"{emptyEntry} in {RayTrialFolder.ZipName}");
        }
        if (folder.Extracted is { } extracted)
        {
            var copy = new FileInfo(Path.Combine(extracted.FullName, RayTrialFolder.ResultName)) is { Exists: true, Length: > 0 } r ? (r, RaySource.Result)
                : new FileInfo(Path.Combine(extracted.FullName, RayTrialFolder.ProgressName)) is { Exists: true, Length: > 0 } p ? (p, RaySource.Progress)
                : ((FileInfo?)null, (RaySource?)null);
            if (copy.Item1 is { } file)
            {
                var relativeToTrial = extracted.Name + "/" + file.Name;
                Take(read is null ? relativeToTrial : $"{relativeToTrial} (extracted from {RayTrialFolder.ZipName})", context.Describe(file, copy.Item2!));
            }
        }
        foreach (var events in folder.Events)
        {
            if (events.Length == 0)
                continue;
            Take(events.Name, context.Describe(events, RaySource.Events));
        }

        // An empty result file is what Tune leaves when a trial fails before its first report (or while it starts):
        // nothing in it was lost, so it is a note on the trial (whose status says it failed), not an unreadable file.
        foreach (var name in empty)
        {
            trial.Notes.Add(read is null
                ? $"empty {name}: the trial produced no results"
                : $"empty {name}; the results were read from {read}");
        }
        if (read is not null)
            trial.Notes.Add($"results read from {read}");
        else if (empty.Count == 0)
            trial.Notes.Add("no result files: the trial produced no results");
        if (mirrors.Count > 0)
        {
            var check = new Mirrors([.. trial.Files], read!, context.Options.Fields, "Ray Tune");
            foreach (var (description, files) in mirrors)
                trial.Files.AddRange(check.Add(description, files));
            trial.Mirrors = check;
        }

        void Take(string description, RunFile file)
        {
            if (read is null)
            {
                read = description;
                trial.Files.Add(file);
            }
            else if (file.Format == RayTuneFiles.Events && trial.Files.All(f => f.Format == RayTuneFiles.Events))
            {
                // Several event files of one trial (it was restored) are read together.
                read += ", " + description;
                trial.Files.Add(file);
            }
            else if (file.Format == RayTuneFiles.Events && mirrors.Count > 0 && mirrors[^1].Files[0].Format == RayTuneFiles.Events)
            {
                // The event files of a restored trial are one mirror, compared together.
                mirrors[^1] = ($"{mirrors[^1].Description}, {description}", [.. mirrors[^1].Files, file]);
            }
            else
            {
                mirrors.Add((description, [file]));
            }
        }
    }

    /// <summary>One trial of a zip holding several: its <c>progress.csv</c> entry.</summary>
    private static void ChooseZipData(PreparedTrial trial, RayTrialFolder folder, ZipTrial zipTrial, DiscoveryContext context)
    {
        if (zipTrial is { Progress: { } entry, ProgressBytes: > 0 })
        {
            trial.Files.Add(context.Describe(folder.Zip!, new RaySource(RayTuneFiles.Progress, entry), entry));
            trial.Notes.Add($"results read from {RayTrialFolder.ZipName} ({entry})");
        }
        else if (zipTrial.Result is { } json)
        {
            trial.Notes.Add($"{RayTrialFolder.ZipName} holds {json}, which is read from files only: extract it to read it");
        }
        else
        {
            // As for an empty file beside the trial: a failed trial, noted, not unreadable data.
            trial.Notes.Add($"empty {zipTrial.Progress} in {RayTrialFolder.ZipName}: the trial produced no results");
        }
    }

    private static bool IsPickle(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            return stream.ReadByte() == 0x80;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
