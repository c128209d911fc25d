using System.Reflection;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace RunLens.Interactive.Tests.Frames;

/// <summary>The kernel's Formatter is process-wide: these tests run alone and reset it.</summary>
[CollectionDefinition(nameof(FormatterCollection), DisableParallelization = true)]
public sealed class FormatterCollection;

[Collection(nameof(FormatterCollection))]
public sealed class DataFrameFormattingTests : IDisposable
{
    public DataFrameFormattingTests() => Formatter.ResetToDefault();

    public void Dispose() => Formatter.ResetToDefault();

    /// <summary>The extension Microsoft.Data.Analysis 0.24's package ships for the kernel (10,000 rows of HTML).</summary>
    private static IKernelExtension DataAnalysisExtension()
    {
        var root = typeof(DataFrameFormattingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        // The package version (0.24.0), not the assembly version: the informational version before its commit hash.
        var version = typeof(DataFrame).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var path = Path.Combine(root, "microsoft.data.analysis", version,
            "interactive-extensions", "dotnet", "Microsoft.Data.Analysis.Interactive.dll");
        var type = Assembly.LoadFrom(path).GetType("Microsoft.Data.Analysis.Interactive.DataFrameKernelExtension", throwOnError: true)!;
        return (IKernelExtension)Activator.CreateInstance(type)!;
    }

    /// <summary>
    /// Loads an extension as dotnet-interactive's package loader does: inside a command on the root kernel, then
    /// publishes <see cref="KernelExtensionLoaded"/> through the command's context.
    /// </summary>
    private static async Task LoadAsync(CompositeKernel kernel, IKernelExtension extension)
    {
        var result = await kernel.SendAsync(new LoadExtension(extension));
        Assert.DoesNotContain(result.Events, e => e is CommandFailed);
    }

    private static CompositeKernel Kernel()
    {
        var kernel = new CompositeKernel("root");
        kernel.RegisterCommandHandler<LoadExtension>(async (command, context) =>
        {
            await command.Extension.OnLoadAsync(kernel);
            context.Publish(new KernelExtensionLoaded(command.Extension, command));
        });
        return kernel;
    }

    private static string Html(DataFrame frame) => frame.ToDisplayString(HtmlFormatter.MimeType);

    private static bool IsOurs(string html) => html.Contains("runlens-table", StringComparison.Ordinal);

    [Fact]
    public void Registered_formatters_show_a_frame_as_a_paged_table_and_readable_text()
    {
        Assert.True(DataFrameFormatting.Register());

        var frame = DataFrameDisplayTests.Frame(10_000);

        var html = Html(frame);
        Assert.True(IsOurs(html));
        Assert.InRange(html.Length, 10_000, 100_000);
        Assert.StartsWith("DataFrame: 10,000 rows × 4 columns\n#  step  value  run  even", frame.ToDisplayString(PlainTextFormatter.MimeType), StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_again_adds_nothing_while_ours_are_first()
    {
        Assert.True(DataFrameFormatting.Register());
        var count = Formatter.RegisteredFormatters(includeDefaults: false).Count();

        Assert.False(DataFrameFormatting.Register());
        Assert.Equal(count, Formatter.RegisteredFormatters(includeDefaults: false).Count());
    }

    [Fact]
    public async Task The_data_analysis_extension_loaded_after_ours_wins_unless_we_register_again_on_its_load_event()
    {
        using var kernel = Kernel();
        DataFrameFormatting.Register();

        await LoadAsync(kernel, DataAnalysisExtension());

        // The package's own formatter, registered last, is the one the kernel tries first.
        Assert.False(IsOurs(Html(DataFrameDisplayTests.Frame(30))));
    }

    [Fact]
    public async Task Ours_wins_when_the_data_analysis_extension_loads_after_it()
    {
        using var kernel = Kernel();
        DataFrameFormatting.Register(kernel);

        await LoadAsync(kernel, DataAnalysisExtension());

        Assert.True(IsOurs(Html(DataFrameDisplayTests.Frame(30))));
    }

    [Fact]
    public async Task Ours_wins_when_the_data_analysis_extension_loads_first()
    {
        using var kernel = Kernel();
        await LoadAsync(kernel, DataAnalysisExtension());
        Assert.False(IsOurs(Html(DataFrameDisplayTests.Frame(30))));

        DataFrameFormatting.Register(kernel);

        Assert.True(IsOurs(Html(DataFrameDisplayTests.Frame(30))));
    }

    /// <summary>What dotnet-interactive's package loader does for each extension it finds.</summary>
    private sealed class LoadExtension(IKernelExtension extension) : KernelCommand
    {
        public IKernelExtension Extension { get; } = extension;
    }
}
