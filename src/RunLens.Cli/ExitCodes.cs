namespace RunLens.Cli;

/// <summary>What the process exit code means.</summary>
internal static class ExitCodes
{
    /// <summary>Everything read cleanly.</summary>
    public const int Ok = 0;

    /// <summary>The command could not run; the message says what to do.</summary>
    public const int UserError = 1;

    /// <summary>It ran, but some data could not be read; the issues are listed.</summary>
    public const int PartialData = 2;

    /// <summary>A notebook cell failed (<c>runlens report</c>); the message names the cell and the error.</summary>
    public const int CellFailed = 3;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it): <c>runlens watch</c>.</summary>
    public const int Interrupted = 130;
}
