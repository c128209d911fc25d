using System.Reflection;

namespace RunLens.Repository.Tests;

/// <summary>
/// .NET Interactive finds a type's formatters through an attribute named <c>TypeFormatterSourceAttribute</c> on the
/// type itself or a base class, never on an interface; so every displayable type must carry it.
/// </summary>
public class DisplayTests
{
    public static TheoryData<string> Libraries => new() { "RunLens", "RunLens.Charts" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_public_html_renderable_type_carries_the_formatter_source_attribute(string assembly)
    {
        var renderables = Assembly.Load(assembly).GetExportedTypes()
            .Where(t => !t.IsInterface && !t.IsAbstract && typeof(IHtmlRenderable).IsAssignableFrom(t)).ToList();
        var missing = renderables
            .Where(t => !t.GetCustomAttributes(true).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .Select(t => t.FullName).ToList();

        Assert.NotEmpty(renderables);
        Assert.True(missing.Count == 0, $"IHtmlRenderable types without [TypeFormatterSource]: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_attribute_has_one_definition_shared_by_every_library()
    {
        var definitions = new[] { "RunLens", "RunLens.Charts" }
            .SelectMany(a => Assembly.Load(a).GetTypes())
            .Where(t => t.Name == "TypeFormatterSourceAttribute")
            .Select(t => t.AssemblyQualifiedName).ToList();

        Assert.Equal([typeof(Display.TypeFormatterSourceAttribute).AssemblyQualifiedName], definitions);
        Assert.Equal(typeof(RunSet).Assembly, typeof(Figure).GetCustomAttribute<Display.TypeFormatterSourceAttribute>()!.GetType().Assembly);
    }

    [Theory]
    [InlineData(typeof(RunSet))]
    [InlineData(typeof(Run))]
    [InlineData(typeof(ScanResult))]
    [InlineData(typeof(LoadIssues))]
    [InlineData(typeof(Figure))]
    public void The_displayable_types_are_renderable(Type type) => Assert.True(typeof(IHtmlRenderable).IsAssignableFrom(type));
}
