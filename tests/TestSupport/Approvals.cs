using System.Runtime.CompilerServices;

namespace RunLens.TestSupport;

/// <summary>
/// Snapshot checks: compares text with <c>Approved/&lt;Class&gt;.&lt;Method&gt;.approved.&lt;ext&gt;</c> next to the
/// calling test file. On a mismatch it writes <c>.received.&lt;ext&gt;</c> (gitignored) beside it and fails naming
/// both files; with ACCEPT_APPROVALS=1 it overwrites the approved file instead.
/// </summary>
internal static class Approvals
{
    public static void Verify(string actual, string extension = "json",
        [CallerFilePath] string testFile = "", [CallerMemberName] string method = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(testFile)!, "Approved");
        var stem = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(testFile)}.{method}");
        var approved = $"{stem}.approved.{extension}";
        var received = $"{stem}.received.{extension}";
        var text = Normalize(actual);
        if (Environment.GetEnvironmentVariable("ACCEPT_APPROVALS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approved, text);
            File.Delete(received);
            return;
        }
        if (File.Exists(approved) && Normalize(File.ReadAllText(approved)) == text)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(received, text);
        var why = File.Exists(approved) ? "differs from the approved snapshot" : "has no approved snapshot yet";
        throw new Xunit.Sdk.XunitException(
            $"The output {why}.\n  approved: {approved}\n  received: {received}\n" +
            "Compare them; if the received one is right, rename it (or run with ACCEPT_APPROVALS=1).");
    }

    // Snapshots end with one newline (editorconfig) whatever the output ends with, and never carry CRLF.
    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}
