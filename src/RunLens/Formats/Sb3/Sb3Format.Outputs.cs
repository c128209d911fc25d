using System.Globalization;
using RunLens.Formats.Csv;
using RunLens.Formats.Json;
using RunLens.Formats.TensorBoard;
using RunLens.Loading.Discovery;
using RunLens.Loading;

namespace RunLens.Formats.Sb3;

/// <summary>The outputs SB3 writes beside its logs: EvalCallback's evaluations and the TensorBoard output format.</summary>
internal sealed partial class Sb3Format
{
    /// <summary>
    /// The EvalCallback's evaluations.npz files of the run, with the names the notes give them: the one beside the
    /// logs, and (for a training run) the one in each subfolder that holds nothing else of a run, which is where
    /// <c>EvalCallback(log_path=...)</c> usually writes (<c>eval/</c>, <c>evaluations/</c>). Such subfolders are
    /// consumed: their evaluations are this run's, not a run of their own. A folder with evaluations.npz and no
    /// training logs stays a run of its own, noted.
    /// </summary>
    private static List<(string Name, RunFile File)> EvaluationFiles(RunFolder folder, FileInfo? direct, bool training, List<string> consumed, List<string> notes)
    {
        var found = new List<(string, RunFile)>();
        if (direct is not null)
            found.Add((EvaluationsName, folder.Describe(direct, EvaluationsSource.Instance)));
        if (!training)
        {
            notes.Add(HasTrainingLogs(folder.Dir)
                ? $"{EvaluationsName} is read on its own: the SB3 training logs beside it are not part of what was loaded."
                : folder.Dir.Parent is { } parent && HasTrainingLogs(parent)
                ? $"Only SB3's EvalCallback output ({EvaluationsName}) is in this folder; the folder above has SB3 training logs but was not read as an SB3 run, so this is a run of its own."
                : $"Only SB3's EvalCallback output ({EvaluationsName}) is in this folder, with no training logs here or in the folder above: it is a run of its own, of evaluations only.");
            return found;
        }
        foreach (var child in folder.Children)
        {
            if (child.Name.StartsWith('.') || EvaluationsOnly(child) is not { } npz)
                continue;
            var name = child.Name + "/" + EvaluationsName;
            found.Add((name, folder.Describe(npz, EvaluationsSource.Instance)));
            consumed.Add(child.Name);
            notes.Add($"{name} (SB3's EvalCallback log_path) belongs to this run: its evaluations and evaluation episodes are this run's.");
        }
        return found;
    }

    /// <summary>The folder's evaluations.npz when the folder holds no subfolder and no other log of a run (a saved model may be there).</summary>
    private static FileInfo? EvaluationsOnly(DirectoryInfo dir)
    {
        try
        {
            if (dir.EnumerateDirectories().Any())
                return null;
            var files = dir.GetFiles();
            var npz = files.FirstOrDefault(f => f.Name == EvaluationsName);
            return npz is not null && !files.Any(f => f != npz && (TensorBoardFormat.IsEventFile(f.Name) || LogFiles.IsLogFileName(f.Name))) ? npz : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when the folder on disk has progress.csv or monitor files (a single loaded file sees only itself).</summary>
    private static bool HasTrainingLogs(DirectoryInfo dir)
    {
        try
        {
            return dir.EnumerateFiles().Any(f => f.Name == "progress.csv" || CsvLogFiles.IsMonitor(f.Name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Event files of SB3's TensorBoard output format: beside the logs, or in <c>PPO_1/</c>-style subfolders. With a
    /// primary log they are mirrors, checked against it (<see cref="Mirrors"/>), and the subfolders are the run's;
    /// without one, the files beside the logs are read and the subfolders are left to the TensorBoard format. Returns
    /// the event files of the run (for its HParam), in the order TensorBoard reads them.
    /// </summary>
    private static List<FileInfo> AddTensorBoard(RunFolder folder, Mirrors? mirrors, List<RunFile> files, List<string> consumed)
    {
        var direct = EventFiles(folder.Files);
        var all = new List<FileInfo>(direct);
        if (mirrors is null)
        {
            files.AddRange(TensorBoardSource.Describe(direct, folder.Context, out _));
            return all;
        }
        if (direct.Count > 0)
        {
            var name = direct.Count == 1 ? direct[0].Name : string.Create(CultureInfo.InvariantCulture, $"the {direct.Count} event files beside it");
            files.AddRange(mirrors.Add(name, TensorBoardSource.Describe(direct, folder.Context, out _)));
        }
        foreach (var child in folder.Children.Where(c => TensorBoardFolder().IsMatch(c.Name)))
        {
            var events = EventFiles(ListFiles(child));
            if (events.Count == 0)
                continue;
            consumed.Add(child.Name);
            all.AddRange(events);
            var name = events.Count == 1 ? child.Name + "/" + events[0].Name : string.Create(CultureInfo.InvariantCulture, $"{child.Name}/ ({events.Count} event files)");
            files.AddRange(mirrors.Add(name, TensorBoardSource.Describe(events, folder.Context, out _)));
        }
        return all;
    }

    /// <summary>The event files among these, by name (the order TensorBoard's data server reads them).</summary>
    private static List<FileInfo> EventFiles(IEnumerable<FileInfo> files) =>
        files.Where(f => TensorBoardFormat.IsEventFile(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    private static FileInfo[] ListFiles(DirectoryInfo dir)
    {
        try
        {
            return dir.GetFiles();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
