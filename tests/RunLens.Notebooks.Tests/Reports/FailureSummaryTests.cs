namespace RunLens.Notebooks.Tests;

public class FailureSummaryTests
{
    [Fact]
    public void Names_the_failed_cell_and_the_line_once()
    {
        var run = SampleRun.Create(withFailure: true);
        var error = new ErrorOutput("CompilationErrorException", "Cell 5, line 2: CS0103: The name 'x' does not exist in the current context", []);
        run = run with { Cells = [.. run.Cells.Select(c => c.Number == 5 ? c with { Outputs = [error] } : c)] };

        Assert.Equal("cell 5 failed: (line 2) CS0103: The name 'x' does not exist in the current context", FailureSummary.Of(run));
    }

    [Fact]
    public void Keeps_other_messages_as_they_are_and_is_null_when_every_cell_ran()
    {
        Assert.Equal("cell 5 failed: (1,1): error CS0103: The name 'undefinedThing' does not exist",
            FailureSummary.Of(SampleRun.Create(withFailure: true)));
        Assert.Null(FailureSummary.Of(SampleRun.Create()));
    }
}
