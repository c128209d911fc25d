using RunLens.TestSupport;

namespace RunLens.Samples.Tests;

/// <summary>The scanner against the generator's truths: the end-to-end check the manifest exists for.</summary>
public class ScannerAgreementTests
{
    [Theory]
    [InlineData(SyntheticDamage.None)]
    [InlineData(SyntheticDamage.All)]
    public void A_scan_finds_what_the_generator_wrote(SyntheticDamage damage)
    {
        using var dir = new TempDir();
        var manifest = SyntheticExperiment.Write(dir.Path, SyntheticExperimentTests.Small with { Damage = damage, MixLayouts = true });
        var scan = Runs.Load(manifest.ExperimentsPath).Scan();
        var expected = manifest.Expected;
        Assert.Equal(expected.Records, scan.Records);
        Assert.Equal(expected.StepMin, scan.StepMin);
        Assert.Equal(expected.StepMax, scan.StepMax);
        Assert.Equal(expected.DistinctPositions, scan.DistinctPositions);
        Assert.Equal(manifest.DataFiles, scan.Files);
        Assert.Equal(manifest.DataBytes, scan.Bytes);
        foreach (var field in expected.Fields)
        {
            // The generator counts by role (env, position.x, rewards.total); with layouts mixed, the scan keeps each
            // name as written (env_id in flat files, env in nested ones), and together they answer the role.
            var curves = scan.Fields.Where(f => f.Name == field.Name || f.Alias == field.Name).ToList();
            Assert.True(curves.Count > 0, $"the scan has no field {field.Name}");
            Assert.Equal((field.Name, field.Count, field.NonFinite), (field.Name, curves.Sum(c => c.Count), curves.Sum(c => c.NonFinite)));
            Assert.Equal(field.Min, curves.Min(c => c.Min));
            Assert.Equal(field.Max, curves.Max(c => c.Max));
            Assert.Equal(field.Sum, curves.Sum(c => c.Sum), Math.Abs(field.Sum) * 1e-12 + 1e-12);
        }
        Assert.Equal(manifest.Damage.Sum(d => d.BadLines), scan.Skipped);
    }
}
