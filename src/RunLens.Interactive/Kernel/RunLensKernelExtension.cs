using Microsoft.DotNet.Interactive;

namespace RunLens.Interactive;

/// <summary>
/// The RunLens extension for .NET Interactive: <c>#r "nuget: RunLens"</c> loads it through the package's
/// <c>extension.dib</c>.
/// </summary>
public sealed class RunLensKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        return Task.CompletedTask;
    }
}
