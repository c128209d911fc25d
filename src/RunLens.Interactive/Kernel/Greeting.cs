using System.Reflection;

namespace RunLens.Interactive;

/// <summary>The short note a notebook shows when RunLens loads: its version, where to start, how charts draw.</summary>
internal static class Greeting
{
    public static string Markdown(string plotlyJs)
    {
        var version = typeof(Runs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(Runs).Assembly.GetName().Version?.ToString(3);
        return $"**RunLens {version}** is loaded. Start with `var runs = Runs.Load(\"path/to/logs\");` then " +
               "`runs[0].Scan().RewardCurves()`, `runs.CompareVariants(\"reward\")`, `run.Episodes[0].Replay()` or " +
               "`run.ToDataFrame()`. Charts draw offline: this kernel serves plotly.js at " + plotlyJs + ".";
    }
}
