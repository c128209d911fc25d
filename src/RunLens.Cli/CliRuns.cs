using System.CommandLine;
using System.Text.RegularExpressions;

namespace RunLens.Cli;

/// <summary>How every command loads runs: the shared <c>--layout</c> option, and library messages in the CLI's words.</summary>
internal static partial class CliRuns
{
    /// <summary>The <c>--layout</c> option of every command that loads runs.</summary>
    public static Option<string?> LayoutOption() => new("--layout")
    {
        Description = "How run folders name variant and seed, matched against the end of each run's folder path, e.g. " +
            "\"{algo}/{env}_seed{seed}\" or \"{variant}/seed{seed}\"; {variant} {seed} {algo} {env} {timestamp}, any other " +
            "{name} becomes a hyperparameter. Default: guessed from common layouts (each guess is in the run's notes).",
    };

    /// <summary>Loads the runs under a path with the layout pattern, if given.</summary>
    /// <exception cref="RunLoadException">Nothing to load, or the layout matches no run (the message is the library's: pass it to <see cref="Message"/>).</exception>
    public static RunSet Load(string path, string? layout) =>
        Runs.Load(path, layout is null ? LoadOptions.Default : LoadOptions.Default with { Layout = layout });

    /// <summary>
    /// A library message as the CLI shows it: the option a CLI user sets instead of the C# setting it names, advice
    /// that only a library user can follow replaced by the CLI's, and no "(Parameter 'x')" suffix.
    /// </summary>
    public static string Message(string message)
    {
        var text = ParameterSuffix().Replace(message, "");
        text = StepEpisodesAdvice().Replace(text, "");
        foreach (var (api, cli) in Replacements)
            text = text.Replace(api, cli, StringComparison.Ordinal);
        return text;
    }

    // Library wording → CLI wording. Each entry is a phrase a library message uses (tests pin that none is left).
    private static readonly (string Api, string Cli)[] Replacements =
    [
        ("(LoadOptions.Layout)", "(--layout)"),
        ("Map a field to rewards.total with a FieldMap, or chart it by name.", "runlens plot draws reward fields only; see the fields with runlens ls."),
        ("map your log's names to them with a FieldMap.", "runlens plot reads those names as they are."),
        ("or its step records through run.StepEpisodes().", "or step records with positions."),
        ("or a run's step records through run.StepEpisodes()).", "or step records with positions)."),
        ("Raise ReplayOptions.MaxEpisodes to see more.", "Raise --max-episodes to see more."),
        ("Use \"variant\", \"run\" or one of:", "Give --group-by variant, run, or one of:"),
    ];

    [GeneratedRegex(@"; StepEpisodes\(maxEpisodes: \d+\) returns them all", RegexOptions.CultureInvariant)]
    private static partial Regex StepEpisodesAdvice();

    [GeneratedRegex(@" \(Parameter '[^']*'\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();
}
