using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Interactive.Tests.Kernel;

/// <summary>
/// A real C# kernel (Microsoft.DotNet.Interactive.CSharp) in the test process, with RunLens referenced by path the
/// way a repository notebook does it. The Formatter is process-wide: tests that use a session run in one collection.
/// </summary>
internal sealed class KernelSession : IDisposable
{
    private readonly CompositeKernel _kernel;

    private KernelSession(CompositeKernel kernel) => _kernel = kernel;

    public static async Task<KernelSession> StartAsync(bool loadExtension = true)
    {
        Formatter.ResetToDefault();
        LiveProgress.Display = null;
        var kernel = new CompositeKernel { new CSharpKernel().UseKernelHelpers() };
        kernel.DefaultKernelName = "csharp";
        var session = new KernelSession(kernel);
        await session.RunAsync($"#r \"{typeof(RunLensKernelExtension).Assembly.Location}\"\nusing RunLens;");
        if (loadExtension)
            await session.RunAsync("await RunLens.Interactive.RunLensKernelExtension.LoadAsync();");
        return session;
    }

    /// <summary>Runs one cell and returns its events; fails the test when the cell fails.</summary>
    public async Task<IReadOnlyList<KernelEvent>> RunAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            Assert.Fail($"The cell failed: {failed.Message}\n{code}");
        return result.Events;
    }

    public void Dispose()
    {
        _kernel.Dispose();
        LiveProgress.Display = null;
        Formatter.ResetToDefault();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelCollection
{
    public const string Name = "In-process kernel (process-wide Formatter)";
}
