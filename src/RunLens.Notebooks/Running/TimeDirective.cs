using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Notebooks;

/// <summary>
/// <c>#!time</c>, as the dotnet-interactive tool has it: its magic commands come from its Jupyter package, which is not
/// served here, so the host adds this one itself. When the cell completes it shows <c>Wall time: 12.3ms</c> (plain
/// text, invariant culture where the tool uses the machine's).
/// </summary>
internal static class TimeDirective
{
    public static void Add(Kernel kernel) =>
        kernel.AddDirective(new KernelActionDirective("#!time") { Description = "Time the execution of the cell" }, (_, context) =>
        {
            var clock = Stopwatch.StartNew();
            context.OnComplete(done =>
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"Wall time: {clock.Elapsed.TotalMilliseconds}ms");
                done.Publish(new DisplayedValueProduced(clock.Elapsed, context.Command, [new FormattedValue(PlainTextFormatter.MimeType, text)]));
            });
            return Task.CompletedTask;
        });
}
