using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis.Scripting;

namespace RunLens.Notebooks;

/// <summary>Runs one C# cell: directives, console capture, the script itself, and its value.</summary>
internal static class CSharpCell
{
    public static CellResult Run(RunState run, NotebookCell cell, string source, int number, int executionCount)
    {
        var directives = CellDirectives.Parse(source, run.Options.RunLensAssemblies);
        var outputs = new CellOutputs();
        foreach (var note in directives.Notes)
            outputs.Write("stderr", note + "\n");
        if (directives.Error is not null)
        {
            outputs.Add(CellErrors.Directive(number, directives.Error));
            return new CellResult(number, cell, CellStatus.Failed, outputs.ToList(), TimeSpan.Zero, executionCount);
        }
        run.Session.AddReferences(directives.References);
        var clock = Stopwatch.StartNew();
        var status = Execute(run, directives.Code, number, outputs);
        clock.Stop();
        if (directives.TimeIt)
            outputs.Write("stdout", string.Create(CultureInfo.InvariantCulture, $"Wall time: {clock.Elapsed.TotalMilliseconds:0.####}ms\n"));
        return new CellResult(number, cell, status, outputs.ToList(), clock.Elapsed, executionCount);
    }

    private static CellStatus Execute(RunState run, string code, int number, CellOutputs outputs)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(outputs.Writer("stdout"));
        Console.SetError(outputs.Writer("stderr"));
        try
        {
            // Task.Run: no caller SynchronizationContext for the script's awaits to deadlock on.
            var task = Task.Run(async () =>
            {
                CellOutputs.Current.Value = outputs;
                return await run.Session.RunAsync(code, CellErrors.FileName(number));
            });
            if (!task.Wait(run.Options.CellTimeout))
            {
                run.Stopped = true; // the script is still running on its thread; its state cannot be trusted
                outputs.Add(CellErrors.Timeout(number, run.Options.CellTimeout));
                return CellStatus.Failed;
            }
            var (exception, hasValue, value) = task.Result;
            if (exception is not null)
            {
                outputs.Add(CellErrors.Runtime(number, exception));
                return CellStatus.Failed;
            }
            if (hasValue)
                outputs.Add(ValueFormatting.Display(value, isResult: true));
            return CellStatus.Ran;
        }
        catch (AggregateException e) when (e.InnerException is CompilationErrorException compile)
        {
            outputs.Add(CellErrors.Compile(number, code, compile));
            return CellStatus.Failed;
        }
        catch (Exception e)
        {
            // Formatting a value can fail too (a notebook's own formatter throwing): a failure of this cell.
            outputs.Add(CellErrors.Runtime(number, e is AggregateException { InnerException: { } inner } ? inner : e));
            return CellStatus.Failed;
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
