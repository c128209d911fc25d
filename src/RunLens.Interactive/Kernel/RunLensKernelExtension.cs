using Microsoft.DotNet.Interactive;

namespace RunLens.Interactive;

/// <summary>
/// The RunLens extension for .NET Interactive. <c>#r "nuget: RunLens"</c> loads it (the package's
/// <c>extension.dib</c> adds <c>using RunLens;</c> and calls it); a notebook that references the assemblies by path
/// calls <see cref="LoadAsync"/> itself. It registers the formatters of every RunLens value (charts as Plotly's MIME
/// type, HTML and text; tables; Markdown), shows long operations' progress in the cell, starts the loopback server
/// that gives chart outputs plotly.js offline, and greets.
/// </summary>
public sealed class RunLensKernelExtension : IKernelExtension
{
    /// <summary>Loads the extension into the kernel running the current cell, as the package does.</summary>
    /// <example><code>await RunLens.Interactive.RunLensKernelExtension.LoadAsync();</code></example>
    public static Task LoadAsync() =>
        new RunLensKernelExtension().OnLoadAsync(Kernel.Root ?? throw new InvalidOperationException(
            "RunLensKernelExtension.LoadAsync runs inside a .NET Interactive kernel (a notebook cell); none is running here."));

    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        KernelFormatters.Register();
        // Paged data frames, kept ahead of Microsoft.Data.Analysis's own formatter whichever extension loads last.
        DataFrameFormatting.Register(kernel);
        LiveProgress.Display = CellProgress.Start;
        // Start serving plotly.js now, so outputs saved by an earlier session draw again once this kernel runs.
        var sources = PlotlyJsServer.Sources;
        if (KernelInvocationContext.Current is { } context)
            context.DisplayAs(Greeting.Markdown(sources[0]), "text/markdown");
        return Task.CompletedTask;
    }
}
