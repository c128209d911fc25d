using RunLens.Formats.Json;
using RunLens.Formats.Numpy;
using RunLens.Loading.Discovery;
using RunLens.Loading;

namespace RunLens.Formats.Trajectories;

/// <summary>
/// Folders holding <c>imitation</c> trajectory files (<c>.npz</c> with <c>acts</c>, <c>indices</c>, <c>obs</c>,
/// ...; for example <c>rollouts/final.npz</c>): a run of format <c>trajectories</c> named after the folder, holding
/// only episodes (one per trajectory, see <see cref="TrajectoryEpisodes"/>) and no metric files. Only the zip
/// directories are read at listing. imitation's older pickles of trajectories (<c>.pkl</c>, a list of
/// <c>TrajectoryWithRew</c>) are read as data too (<see cref="PickledTrajectoryEpisodes"/>); one beside an
/// <c>.npz</c> of the same name is checked against it and adds its episodes only if they differ. Other pickles and
/// the <c>infos</c> arrays (pickled dicts) are not read, which the run's notes say. When the folder is also a
/// JSON-log run, that run gets the episodes.
/// </summary>
internal sealed class TrajectoryFormat : IRunFormat
{
    /// <summary>The format name of such runs and files.</summary>
    public const string Format = "trajectories";

    private static readonly JsonLogFormat JsonLogs = new();

    public FolderClaim? Claim(RunFolder folder)
    {
        var context = folder.Context;
        var sources = new List<IEpisodeSource>();
        var notes = new List<string>();
        var byStem = new Dictionary<string, TrajectoryEpisodes>(StringComparer.Ordinal);
        foreach (var file in folder.Files.Where(f => f.Name.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)))
        {
            if (IsTrajectoryFile(file, out var fileNotes))
            {
                var episodes = new TrajectoryEpisodes(folder.Describe(file, RecordSource.EpisodesOnly(Format)));
                sources.Add(episodes);
                byStem[Path.GetFileNameWithoutExtension(file.Name)] = episodes;
                notes.AddRange(fileNotes);
            }
        }
        var pickles = folder.Files.Where(f => f.Name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".pickle", StringComparison.OrdinalIgnoreCase)).ToList();
        var trajectories = pickles.Where(PickledTrajectoryEpisodes.LooksLikeTrajectories).ToList();
        if (sources.Count == 0 && trajectories.Count == 0)
            return null;
        foreach (var pickle in trajectories)
        {
            var copyOf = byStem.GetValueOrDefault(Path.GetFileNameWithoutExtension(pickle.Name));
            sources.Add(new PickledTrajectoryEpisodes(folder.Describe(pickle, RecordSource.EpisodesOnly(Format)), copyOf));
            notes.Add(copyOf is null
                ? $"{pickle.Name}: imitation trajectories as a pickle (the format before .npz), loaded as data without running any of it"
                : $"{pickle.Name}: imitation's pickle of the trajectories in {Path.GetFileName(copyOf.File.Path)}: checked against them when episodes are read, and its episodes are added only if they differ");
        }
        foreach (var pickle in pickles.Except(trajectories))
            notes.Add($"{pickle.Name}: pickled Python objects, not read (RunLens reads imitation trajectories as .npz or as their pickle)");
        if (JsonLogs.Claim(folder) is { Runs: [var logRun] } logs && logRun.Info.Root == folder.Dir.FullName)
        {
            var merged = new Run(logRun.Info with { Notes = [.. logRun.Info.Notes, .. notes] }, context.Options, [.. logRun.EpisodeSources, .. sources]);
            return logs with { Runs = [merged] };
        }
        var info = RunConventions.Info(folder.Dir, context, Format, [], RunConventions.ReadConfig(folder.Dir, context.Issues)) with { Notes = notes };
        return new FolderClaim([new Run(info, context.Options, sources)]);
    }

    /// <summary>
    /// True when the file's zip directory lists the arrays of a trajectory file; <paramref name="notes"/> then says
    /// which arrays are not read (object arrays). Unreadable files are not claimed (their problems are reported
    /// by whichever reader takes them).
    /// </summary>
    private static bool IsTrajectoryFile(FileInfo file, out List<string> notes)
    {
        notes = [];
        var ignored = new List<LoadIssue>();
        try
        {
            using var archive = NpzArchive.Open(file.FullName, ignored);
            if (!TrajectoryEpisodes.RequiredArrays.All(name => archive.Find(name) is not null))
                return false;
            foreach (var member in archive.Members)
            {
                if (archive.ReadHeader(member, ignored) is { DType.IsNumeric: false } header)
                    notes.Add($"{file.Name}: {member.Name}: {NpzArchive.NotNumeric(header.DType)}");
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
