using System.Text.Json;
using RunLens.TestSupport;

namespace RunLens.Cli.Tests;

/// <summary><c>--layout</c> on every command that loads runs, and identity guesses as <c>runlens ls</c> shows them.</summary>
public class LayoutOptionTests
{
    private const string Log = "{\"step\": 1, \"reward\": 0.5}\n{\"step\": 2, \"reward\": 1.5}\n";

    [Fact]
    public void Ls_shows_the_guessed_identity_in_the_notes_and_the_layout_overrides_it()
    {
        using var dir = new TempDir();
        dir.Write("runs/ppo/CartPole-v1_seed4/log.jsonl", Log);

        var (guessExit, guessed, guessError) = CliRunner.Run("ls", dir.Path, "--json");
        var (exit, output, error) = CliRunner.Run("ls", dir.Path, "--json", "--layout", "{variant}/{env}_seed{seed}");

        Assert.True(guessExit == 0, guessError);
        var guess = JsonDocument.Parse(guessed).RootElement.GetProperty("runs")[0];
        Assert.Equal("ppo/CartPole-v1", guess.GetProperty("variant").GetString());
        Assert.Contains(guess.GetProperty("notes").EnumerateArray(), n => n.GetString() == "variant 'ppo/CartPole-v1' and seed 4 from the folder layout <algo>/<env>_seed<k>");
        Assert.True(exit == 0, error);
        var run = JsonDocument.Parse(output).RootElement.GetProperty("runs")[0];
        Assert.Equal(("ppo", 4L), (run.GetProperty("variant").GetString(), run.GetProperty("seed").GetInt64()));
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("scan")]
    [InlineData("compare", "--episodes", "1")]
    [InlineData("plot")]
    [InlineData("replay")]
    public void A_layout_that_matches_no_run_is_an_error_naming_the_layout_option(string command, params string[] more)
    {
        using var dir = new TempDir();
        dir.Write("alpha/seed0/log.jsonl", Log);

        var (exit, output, error) = CliRunner.Run([command, dir.Path, .. more, "--layout", "{algo}/{env}_seed{seed}"]);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"runlens {command}: The layout '{{algo}}/{{env}}_seed{{seed}}' (--layout) matches none of the 1 runs found", error, StringComparison.Ordinal);
        Assert.Contains("'alpha/seed0'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LoadOptions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_groups_by_the_variant_the_layout_gives()
    {
        using var dir = new TempDir();
        foreach (var (path, reward) in new[] { ("x/cfgA/0", 1), ("x/cfgA/1", 3), ("y/cfgB/0", 10) })
            dir.Write($"{path}/log.jsonl", $"{{\"step\": 1, \"score\": {reward}}}\n");

        var (exit, output, error) = CliRunner.Run("compare", dir.Path, "--metric", "score", "--layout", "{group}/{variant}/{seed}", "--json");

        Assert.True(exit == 0, error);
        var groups = JsonDocument.Parse(output).RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal([("cfgA", 2, 2.0), ("cfgB", 1, 10.0)],
            groups.Select(g => (g.GetProperty("group").GetString()!, g.GetProperty("n").GetInt32(), g.GetProperty("mean").GetDouble())));
    }
}
