using System.ComponentModel;
using System.Reflection;

namespace RunLens.Repository.Tests;

/// <summary>A notebook user writes one <c>using RunLens;</c> and finds everything with '.' completion.</summary>
public class NamespaceTests
{
    public static TheoryData<string> Libraries => new() { "RunLens", "RunLens.Charts", "RunLens.Deedle", "RunLens.PlotlyNet", "RunLens.Interactive", "RunLens.Export" };

    // Besides the user's vocabulary in RunLens: plotly's primitives (Line, Font, Layout...) in RunLens.Plotly, so they
    // collide with neither Plotly.NET's names nor a notebook's own, and the kernel's plumbing in RunLens.Interactive.
    private static readonly Dictionary<string, string[]> OtherNamespaces = new()
    {
        ["RunLens.Charts"] = ["RunLens.Plotly"],
        ["RunLens.Interactive"] = ["RunLens.Interactive"],
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_public_type_of_the_libraries_is_in_the_RunLens_namespace_or_its_plotly_and_kernel_corners(string assembly)
    {
        var allowed = OtherNamespaces.GetValueOrDefault(assembly, []).Append("RunLens").ToHashSet();
        var outside = Assembly.Load(assembly).GetExportedTypes()
            .Where(t => !allowed.Contains(t.Namespace!) && !IsHiddenDisplayPlumbing(t)).Select(t => t.FullName).ToList();
        Assert.True(outside.Count == 0, $"Public types outside namespace RunLens: {string.Join(", ", outside)}");
    }

    /// <summary>
    /// The notebook formatting plumbing (STYLE 2.9) is public so Charts and Widgets share one copy, but it lives in
    /// <c>RunLens.Display</c> and is hidden from completion.
    /// </summary>
    private static bool IsHiddenDisplayPlumbing(Type type) =>
        type.Namespace == "RunLens.Display"
        && type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Public_generic_methods_never_ask_a_notebook_user_for_type_arguments(string assembly)
    {
        var generic = Assembly.Load(assembly).GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.IsGenericMethodDefinition)
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();
        Assert.True(generic.Count == 0, $"Generic public methods: {string.Join(", ", generic)}");
    }
}
