using System.Diagnostics;

namespace RunLens.ExportTests;

/// <summary>poppler-utils (pdfinfo, pdftotext, pdftoppm), which CI installs; null output when they are missing here.</summary>
internal static class PdfTools
{
    public static bool Installed => File.Exists("/usr/bin/pdftotext");

    public static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
        return output;
    }
}
