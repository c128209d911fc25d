namespace RunLens.Loading.Discovery;

/// <summary>
/// The real path of a file or folder: every link on the way resolved (as POSIX <c>realpath</c>), so two paths to one
/// folder compare equal. .NET resolves a link one at a time (<see cref="FileSystemInfo.LinkTarget"/>), so the path is
/// rebuilt component by component, with at most <see cref="MaxLinks"/> links followed, the limit POSIX systems put on
/// a path's resolution (ELOOP).
/// </summary>
internal static class RealPaths
{
    /// <summary>The most links one path may pass through.</summary>
    public const int MaxLinks = 40;

    /// <summary>The real path, or null when it passes through more than <see cref="MaxLinks"/> links (a loop).</summary>
    public static string? Of(string path)
    {
        var pending = new Stack<string>();
        // Not Path.GetFullPath: it folds "link/.." away before the link is resolved, where the system goes to the
        // link's target's parent.
        var full = Path.IsPathRooted(path) ? path : Path.Join(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full) ?? "/";
        // Enumerable.Reverse by name: on net8.0 an array's .Reverse() binds to the in-place span overload.
        foreach (var part in Enumerable.Reverse(full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))
            pending.Push(part);
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current.TrimEnd(Path.DirectorySeparatorChar)) ?? root;
                continue;
            }
            var next = Path.Join(current, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                return null;
            // The link's target replaces it: an absolute target from the root, a relative one from the link's folder.
            if (Path.IsPathRooted(target))
                current = Path.GetPathRoot(target) ?? root;
            foreach (var piece in Enumerable.Reverse(target[(Path.IsPathRooted(target) ? (Path.GetPathRoot(target) ?? "").Length : 0)..]
                         .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))
                pending.Push(piece);
        }
        return current;
    }
}
