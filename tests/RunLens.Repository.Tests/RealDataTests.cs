using System.Text.RegularExpressions;
using RunLens.TestSupport;

namespace RunLens.Repository.Tests;

/// <summary>Tests of real logs are skipped, not passed, when ../shared/real-runs is absent.</summary>
public partial class RealDataTests
{
    [Fact]
    public void The_skip_reason_names_a_missing_folder_and_is_null_for_a_present_one()
    {
        using var root = new TempDir();
        Directory.CreateDirectory(Path.Combine(root.Path, "present"));

        Assert.Null(RealRuns.SkipReason("present", root.Path));
        Assert.Equal($"real logs not found at {Path.Combine(root.Path, "absent")} (../shared/real-runs is absent on this machine)",
            RealRuns.SkipReason("absent", root.Path));
    }

    [Fact]
    public void The_attributes_skip_a_test_whose_folder_is_absent_and_not_one_whose_folder_is_present()
    {
        var missing = "no-such-folder-" + Guid.NewGuid().ToString("N");
        // The repository itself, reached from real-runs' path: present on every machine that runs this test.
        var present = Path.GetRelativePath(RealRuns.Root, TestPaths.RepoRoot);

        Assert.Contains("real logs not found at", new RealDataFactAttribute(missing).Skip, StringComparison.Ordinal);
        Assert.Contains(missing, new RealDataTheoryAttribute(missing).Skip, StringComparison.Ordinal);
        Assert.Null(new RealDataFactAttribute(present).Skip);
        Assert.Null(new RealDataTheoryAttribute(present).Skip);
        Assert.Equal(present, new RealDataFactAttribute(present).Folder);
    }

    [GeneratedRegex(@"^\s*(public|private|internal|protected)\b[^=;]*\(")]
    private static partial Regex MethodDeclaration();

    [GeneratedRegex(@"^\s*(\[|//)|^\s*$")]
    private static partial Regex AttributeOrComment();

    // Split so this file's own source does not contain the call it looks for.
    private const string Call = "RealRuns" + ".Folder(";

    [Fact]
    public void No_test_reads_real_logs_without_a_real_data_attribute()
    {
        var testsFolder = Path.Combine(TestPaths.RepoRoot, "tests");
        var support = Path.Combine(testsFolder, "TestSupport") + Path.DirectorySeparatorChar;
        var calls = 0;
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(testsFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(support, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Contains(Call, StringComparison.Ordinal))
                    continue;
                calls++;
                var where = $"{Path.GetRelativePath(testsFolder, file)}:{i + 1}";
                var method = i;
                while (method >= 0 && !MethodDeclaration().IsMatch(lines[method]))
                    method--;
                var attributes = new List<string>();
                for (var a = method - 1; a >= 0 && AttributeOrComment().IsMatch(lines[a]); a--)
                    attributes.Add(lines[a].Trim());
                if (method < 0 || !attributes.Any(a => a.StartsWith("[RealDataFact(", StringComparison.Ordinal) || a.StartsWith("[RealDataTheory(", StringComparison.Ordinal)))
                    problems.Add($"{where}: the method calling RealRuns.Folder is not marked [RealDataFact(...)] or [RealDataTheory(...)]");
                if (i + 1 < lines.Length && lines[i + 1].Trim() == "return;" || lines[i].Contains("is null", StringComparison.Ordinal))
                    problems.Add($"{where}: returns early when the real logs are absent (a pass); the attribute skips instead");
            }
        }

        Assert.Empty(problems);
        // The scan must see the tests it guards (39 call sites when this test was written).
        Assert.True(calls >= 30, $"only {calls} calls of RealRuns.Folder found under {testsFolder}");
    }
}
