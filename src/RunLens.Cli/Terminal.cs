using Spectre.Console;

namespace RunLens.Cli;

/// <summary>
/// Where the CLI writes: results to <see cref="Out"/>, progress and messages to <see cref="Error"/> (so stdout stays
/// machine-readable). A progress bar is drawn only when stderr is an interactive terminal.
/// </summary>
internal sealed class Terminal(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when progress and live displays are drawn (stderr is an interactive terminal, not CI).</summary>
    public bool Interactive { get; } = interactive;

    public static Terminal FromConsole(TextWriter output, TextWriter error) =>
        new(output, error, interactive: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && Environment.GetEnvironmentVariable("CI") is null);

    /// <summary>Runs a scan with a progress bar on stderr when interactive, silently otherwise.</summary>
    public ScanResult Scan(string title, Func<IProgress<ScanProgress>?, ScanResult> scan)
    {
        if (!Interactive)
            return scan(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        ScanResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                result = scan(new Progress<ScanProgress>(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = Markup.Escape($"{title}: {p}");
                }));
                task.Value = 1;
            });
        return result!;
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, drawing a progress bar from <paramref name="fraction"/> (polled four times
    /// a second) on stderr when interactive.
    /// </summary>
    public T Wait<T>(string title, Task<T> work, Func<double> fraction)
    {
        if (!Interactive)
            return work.GetAwaiter().GetResult();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                while (!work.Wait(250))
                    task.Value = Math.Clamp(fraction(), 0, 0.999);
                task.Value = 1;
            });
        return work.GetAwaiter().GetResult();
    }
}
