using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace RunLens.Notebooks;

/// <summary>
/// Loads the extensions a NuGet package carries, following the dotnet-interactive tool's rules (its
/// <c>KernelExtensionLoader.UseNuGetExtensions</c>): after a command that added packages, for each new package root
/// with an <c>interactive-extensions/dotnet</c> folder, every DLL there is loaded and its public
/// <see cref="IKernelExtension"/> types are created and loaded into the kernel; then the folder's
/// <c>extension.dib</c>, if any, runs in the notebook's own kernels. This is how <c>#r "nuget: RunLens"</c> brings
/// the RunLens extension into a report.
/// </summary>
internal static class PackageExtensions
{
    private const string ScriptName = "extension.dib";

    public static void Load(CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var packageRoot))
            {
                var folder = new DirectoryInfo(Path.Combine(packageRoot, "interactive-extensions", "dotnet"));
                if (folder.Exists)
                    await LoadFolderAsync(kernel, folder, context);
            }
        });
        // Each package root once per kernel, as the tool does.
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Select(added => added.PackageReference.PackageRoot)
            .Where(root => root is not null && seen.TryAdd(root, true))
            .Subscribe(pending.Enqueue));
    }

    private static async Task LoadFolderAsync(CompositeKernel kernel, DirectoryInfo folder, KernelInvocationContext context)
    {
        foreach (var dll in folder.GetFiles("*.dll", SearchOption.TopDirectoryOnly).OrderBy(f => f.Name, StringComparer.Ordinal))
            await LoadAssemblyAsync(kernel, dll, context);
        var script = new FileInfo(Path.Combine(folder.FullName, ScriptName));
        if (!script.Exists)
            return;
        // Called by its class: System.DisplayExtensions.Display(object) would match context.Display(...) as well.
        KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script.FullName}`");
        await kernel.LoadAndRunInteractiveDocument(script, context.Command);
    }

    private static async Task LoadAssemblyAsync(CompositeKernel kernel, FileInfo dll, KernelInvocationContext context)
    {
        var assembly = Load(dll.FullName);
        var types = assembly.ExportedTypes
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t))
            .ToList();
        if (types.Count > 0)
            KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{assembly.Location}`");
        foreach (var type in types)
        {
            try
            {
                var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                await extension.OnLoadAsync(kernel);
                context.Publish(new KernelExtensionLoaded(extension, context.Command));
            }
            catch (Exception e)
            {
                context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}", context.Command));
                context.Fail(context.Command, e);
            }
        }
    }

    // The process outlives a kernel (the runner hosts one per notebook): an assembly loaded for an earlier notebook is
    // reused, and its extensions load again into the new kernel.
    private static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
