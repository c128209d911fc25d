namespace RunLens.Loading.Discovery;

/// <summary>
/// Reads a file once when discovery reached it under two paths that no link shows: a hard link (a run folder copied
/// with <c>cp -al</c>, a log linked into a second folder) or a folder mounted twice. Files are compared by
/// <see cref="FileIdentity"/>; the first path met (real folders are searched before links) is read, the other is
/// dropped from its run, whose notes say which file it is. A run left with nothing to read is dropped, and the run
/// that reads its files says it was also reached through it. Files that runs share on purpose (the runs of one MLflow
/// store, named with '#') are left alone.
/// </summary>
internal static class SameFiles
{
    public static List<Run> ReadOnce(List<Run> runs, DiscoveryContext context)
    {
        var first = new Dictionary<FileIdentity, (int Run, RunFile File)>();
        var kept = new List<Run>(runs.Count);
        var extraNotes = new Dictionary<int, List<string>>();
        foreach (var run in runs)
        {
            var files = new List<RunFile>(run.Info.Files.Count);
            var notes = new List<string>();
            var owners = new SortedSet<int>();
            foreach (var file in run.Info.Files)
            {
                if (file.RelativePath.Contains('#') || file.DiskPaths.Count != 1 || FileIdentity.Of(file.Path) is not { } identity)
                {
                    files.Add(file);
                    continue;
                }
                if (!first.TryGetValue(identity, out var original))
                {
                    first[identity] = (kept.Count, file);
                    files.Add(file);
                    continue;
                }
                if (original.File.Path == file.Path)
                {
                    // The same path twice is a format's own choice, not an alias.
                    files.Add(file);
                    continue;
                }
                var where = original.Run == kept.Count ? "" : $" (run {kept[original.Run].Name})";
                notes.Add($"{file.RelativePath} is the same file as {original.File.RelativePath}{where}, a hard link or a second mount: read once, there");
                owners.Add(original.Run);
            }
            if (files.Count == 0 && run.Info.Files.Count > 0 && run.EpisodeSources.Count == 0)
            {
                // Nothing left to read: the runs whose files these are say they were also reached here.
                foreach (var owner in owners)
                {
                    if (!extraNotes.TryGetValue(owner, out var list))
                        extraNotes[owner] = list = [];
                    list.Add($"also reached through {context.Relative(run.Info.Root)} (the same files, by hard links or a second mount): read once");
                }
                continue;
            }
            kept.Add(notes.Count == 0 ? run : run.WithInfo(run.Info with { Files = files, Notes = [.. run.Info.Notes, .. notes] }));
        }
        foreach (var (index, notes) in extraNotes)
            kept[index] = kept[index].WithInfo(kept[index].Info with { Notes = [.. kept[index].Info.Notes, .. notes] });
        return kept;
    }
}
