using RunLens.TestSupport;

namespace RunLens.Tests.Loading;

/// <summary>Variant and seed from folder layouts, the tools' own identity, and the layout pattern that overrides both.</summary>
public class RunIdentityTests
{
    private const string Log = "{\"step\": 1, \"loss\": 0.5}\n";

    private static RunSet Load(TempDir dir, string? layout = null) =>
        Runs.Load(dir.Path, LoadOptions.Default with { Layout = layout });

    [Fact]
    public void Seed_folders_under_a_variant_folder_give_the_variant_and_the_seed_with_a_note()
    {
        using var dir = new TempDir();
        dir.Write("alpha/seed0/log.jsonl", Log);
        dir.Write("alpha/seed_1/log.jsonl", Log);
        dir.Write("beta/2/log.jsonl", Log);

        var runs = Load(dir);

        Assert.Equal([("alpha", 0L), ("alpha", 1L), ("beta", 2L)], runs.Select(r => (r.Variant!, r.Info.Seed!.Value)));
        var first = runs["alpha/seed0"].Info;
        Assert.Equal(new RunIdentity(IdentitySource.Folders, IdentitySource.Folders, "<variant>/seed<k>"), first.Identity);
        Assert.Contains("variant 'alpha' and seed 0 from the folder layout <variant>/seed<k>", first.Notes);
        Assert.Equal("<variant>/seed_<k>", runs["alpha/seed_1"].Info.Identity.Layout);
        Assert.Equal("<variant>/<seed>", runs["beta/2"].Info.Identity.Layout);
        Assert.Equal(["alpha", "beta"], runs.ByVariant().Keys.Order());
    }

    [Fact]
    public void Zoo_folders_make_algo_env_variants_and_their_number_is_a_run_number_not_a_seed()
    {
        using var dir = new TempDir();
        dir.Write("ppo/CartPole-v1_1/log.jsonl", Log);
        dir.Write("ppo/CartPole-v1_2/log.jsonl", Log);
        dir.Write("dqn/CartPole-v1_seed3/log.jsonl", Log);

        var runs = Load(dir);

        var first = runs["ppo/CartPole-v1_1"].Info;
        Assert.Equal(("ppo/CartPole-v1", (long?)null), (first.Variant, first.Seed));
        Assert.Contains(first.Notes, n => n.Contains("from the folder layout <algo>/<env>_<k>", StringComparison.Ordinal)
            && n.Contains("1 in 'CartPole-v1_1' is the zoo's run number, not a seed", StringComparison.Ordinal));
        Assert.Equal(("ppo", "CartPole-v1"), (first.Tags["algo"], first.Tags["env"]));
        Assert.Equal("ppo/CartPole-v1", runs["ppo/CartPole-v1_2"].Variant);
        var dqn = runs["dqn/CartPole-v1_seed3"].Info;
        Assert.Equal(("dqn/CartPole-v1", (long?)3), (dqn.Variant, dqn.Seed));
        Assert.Equal("<algo>/<env>_seed<k>", dqn.Identity.Layout);
    }

    [Fact]
    public void A_run_in_a_subfolder_of_a_seed_folder_takes_that_folders_identity_and_a_loose_seed_is_only_a_seed()
    {
        using var dir = new TempDir();
        dir.Write("ppo/CartPole-v1_seed2/log.jsonl", Log);
        dir.Write("ppo/CartPole-v1_seed2/eval/log.jsonl", Log);
        dir.Write("logs/exp_s5/log.jsonl", Log);
        dir.Write("2024/05/run/log.jsonl", Log);

        var runs = Load(dir);

        var eval = runs["ppo/CartPole-v1_seed2/eval"].Info;
        Assert.Equal(("ppo/CartPole-v1", (long?)2, "<algo>/<env>_seed<k>/eval"), (eval.Variant, eval.Seed, eval.Identity.Layout));
        var loose = runs["logs/exp_s5"].Info;
        Assert.Equal((null, (long?)5), (loose.Variant, loose.Seed));
        Assert.Contains("seed 5 from 's5' in the folder path", loose.Notes);
        // A bare number is a seed only directly under its variant: 2024/05/run is not variant 2024, seed 5.
        var dated = runs["2024/05/run"].Info;
        Assert.Equal((null, null, RunIdentity.Unknown), (dated.Variant, dated.Seed, dated.Identity));
    }

    [Fact]
    public void Sb3_tensorboard_numbering_is_a_run_number_and_an_env_dash_number_is_a_seed()
    {
        using var dir = new TempDir();
        dir.Write("logs/PPO_3/log.jsonl", Log);
        dir.Write("logs/Hopper-v4-7/log.jsonl", Log);

        var runs = Load(dir);

        var sb3 = runs["logs/PPO_3"].Info;
        // Nothing is guessed, so nothing is noted; the identity records the layout that was recognised.
        Assert.Equal(new RunIdentity(IdentitySource.None, IdentitySource.None, "<tb_log_name>_<k>"), sb3.Identity);
        Assert.Equal((null, null), (sb3.Variant, sb3.Seed));
        Assert.Empty(sb3.Notes);
        var hopper = runs["logs/Hopper-v4-7"].Info;
        Assert.Equal(("Hopper-v4", (long?)7, "<env>-<seed>"), (hopper.Variant, hopper.Seed, hopper.Identity.Layout));
    }

    [Fact]
    public void Hyperparameter_named_folders_give_typed_config_values_and_are_the_variant()
    {
        using var dir = new TempDir();
        dir.Write("sweep/lr=3e-4,batch=64/seed1/log.jsonl", Log);
        dir.Write("sweep/lr=0.001,norm=true,seed=2/log.jsonl", Log);

        var runs = Load(dir);

        var a = runs["sweep/lr=3e-4,batch=64/seed1"].Info;
        Assert.Equal(("lr=3e-4,batch=64", (long?)1), (a.Variant, a.Seed));
        Assert.Equal((0.0003, 64.0), (a.Config["lr"].Number, a.Config["batch"].Number));
        var b = runs["sweep/lr=0.001,norm=true,seed=2"].Info;
        Assert.Equal(("lr=0.001,norm=true", (long?)2), (b.Variant, b.Seed));
        Assert.Equal((0.001, true), (b.Config["lr"].Number, b.Config["norm"].Boolean));
        Assert.False(b.Config.ContainsKey("seed"));
        Assert.Contains("variant 'lr=0.001,norm=true', seed 2 and config lr, norm from the folder layout <name>=<value>,...", b.Notes);
    }

    [Fact]
    public void A_config_seed_is_kept_and_a_folder_seed_that_differs_is_noted()
    {
        using var dir = new TempDir();
        dir.Write("alpha/seed3/log.jsonl", Log);
        dir.Write("alpha/seed3/config.json", "{\"seed\": 7}");
        dir.Write("alpha/seed4/log.jsonl", Log);
        dir.Write("alpha/seed4/config.json", "{\"seed\": 4}");

        var runs = Load(dir);

        var differs = runs["alpha/seed3"].Info;
        Assert.Equal((7L, IdentitySource.Config), (differs.Seed, differs.Identity.Seed));
        Assert.Contains("the config's seed 7 differs from seed 3 in the folder name (layout <variant>/seed<k>); the config's is kept", differs.Notes);
        var agrees = runs["alpha/seed4"].Info;
        Assert.Equal((4L, IdentitySource.Config, IdentitySource.Folders), (agrees.Seed, agrees.Identity.Seed, agrees.Identity.Variant));
        Assert.DoesNotContain(agrees.Notes, n => n.Contains("differs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_layout_pattern_sets_variant_seed_tags_and_config_values_over_the_guess()
    {
        using var dir = new TempDir();
        dir.Write("runs/ppo/CartPole-v1_seed4/log.jsonl", Log);
        dir.Write("grid/base/lr0.01/5/log.jsonl", Log);

        var runs = Load(dir, "{algo}/{env}_seed{seed}");
        var run = runs["runs/ppo/CartPole-v1_seed4"].Info;
        Assert.Equal(("ppo/CartPole-v1", (long?)4), (run.Variant, run.Seed));
        Assert.Equal(new RunIdentity(IdentitySource.Pattern, IdentitySource.Pattern, "{algo}/{env}_seed{seed}"), run.Identity);
        Assert.Equal(("ppo", "CartPole-v1"), (run.Tags["algo"], run.Tags["env"]));
        Assert.Contains("variant 'ppo/CartPole-v1' and seed 4 from the layout '{algo}/{env}_seed{seed}'", run.Notes);
        // The other run does not fit the pattern: it keeps its guess, and says so.
        var other = runs["grid/base/lr0.01/5"].Info;
        Assert.Equal(("lr0.01", (long?)5, IdentitySource.Folders), (other.Variant, other.Seed, other.Identity.Variant));
        Assert.Contains(other.Notes, n => n.StartsWith("the layout '{algo}/{env}_seed{seed}' does not match its folders 'grid/base/lr0.01/5'", StringComparison.Ordinal));

        var grid = Load(dir, "{variant}/lr{lr}/{seed}")["grid/base/lr0.01/5"].Info;
        Assert.Equal(("base", (long?)5, 0.01), (grid.Variant, grid.Seed, grid.Config["lr"].Number));
    }

    [Fact]
    public void A_layout_pattern_fits_a_run_folder_loaded_on_its_own()
    {
        using var dir = new TempDir();
        dir.Write("alpha/seed3/log.jsonl", Log);

        var guessed = Runs.Load(Path.Combine(dir.Path, "alpha", "seed3")).Single().Info;
        var given = Runs.Load(Path.Combine(dir.Path, "alpha", "seed3"), LoadOptions.Default with { Layout = "{variant}/seed{seed}" }).Single().Info;

        Assert.Equal(("alpha", (long?)3), (guessed.Variant, guessed.Seed));
        Assert.Equal(("alpha", (long?)3, IdentitySource.Pattern), (given.Variant, given.Seed, given.Identity.Seed));
    }

    [Theory]
    [InlineData("{algo}/{env}_seed{seed}", "matches none of the 2 runs found")]
    [InlineData("", "it is empty")]
    [InlineData("{variant}/{variant}", "{variant} appears twice")]
    [InlineData("runs/fixed", "it has no placeholder")]
    [InlineData("{variant/seed{seed}", "is not part of a {placeholder}")]
    [InlineData("{a b}/x", "is not a placeholder name")]
    public void A_layout_that_matches_no_run_or_cannot_be_read_is_an_error_naming_the_option(string layout, string why)
    {
        using var dir = new TempDir();
        dir.Write("alpha/seed0/log.jsonl", Log);
        dir.Write("beta/seed0/log.jsonl", Log);

        var ex = Assert.Throws<RunLoadException>(() => Load(dir, layout));

        Assert.Contains("LoadOptions.Layout", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mlflow_experiment_stays_the_variant_unless_a_layout_says_otherwise()
    {
        using var dir = new TempDir();
        const string id = "0123456789abcdef0123456789abcdef";
        dir.Write("mlruns/1/meta.yaml", "experiment_id: '1'\nlifecycle_stage: active\nname: exp\n");
        dir.Write($"mlruns/1/{id}/meta.yaml", $"run_id: {id}\nstatus: 3\n");
        dir.Write($"mlruns/1/{id}/metrics/loss", "1700000000000 1.0 0\n");

        var tool = Load(dir).Single().Info;
        var given = Load(dir, "{store}/{variant}/{run}").Single().Info;

        Assert.Equal(("exp", IdentitySource.Tool), (tool.Variant, tool.Identity.Variant));
        Assert.DoesNotContain(tool.Notes, n => n.Contains("layout", StringComparison.Ordinal));
        Assert.Equal(("1", IdentitySource.Pattern, id), (given.Variant, given.Identity.Variant, given.Config["run"].Text));
    }
}
