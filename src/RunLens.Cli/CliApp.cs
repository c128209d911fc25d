using System.CommandLine;
using RunLens.Cli.Commands;

namespace RunLens.Cli;

/// <summary>Builds the runlens command line.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand() =>
        new("RunLens: exact curves, heatmaps and samples from reinforcement-learning training logs.")
        {
            ScanCommand.Create(),
            ListCommand.Create(),
            PlotCommand.Create(),
            SampleRunsCommand.Create(),
            ReportCommand.Create(),
            ReplayCommand.Create(),
            CompareCommand.Create(),
            WatchCommand.Create(),
        };
}
