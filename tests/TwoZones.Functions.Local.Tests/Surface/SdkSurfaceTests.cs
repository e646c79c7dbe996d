using Microsoft.Azure.Functions.Worker;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Surface;

/// <summary>
/// The runtime exposes exactly the SDK surface listed in docs/sdk-surface/*.txt: every listed line exists with that
/// signature, and every public type and member in the official namespaces is listed.
/// </summary>
public sealed class SdkSurfaceTests
{
    private static readonly Lazy<IReadOnlyList<(string File, int Line, string Text)>> Listed = new(ReadListed);
    private static readonly Lazy<HashSet<string>> Actual = new(() => [.. SurfaceDescriber.Describe(typeof(FunctionAttribute).Assembly)]);

    [Fact]
    public void Surface_files_exist_and_list_the_worker_model()
    {
        Assert.Contains(Listed.Value, l => l.File == "worker.txt" && l.Text == "T class Microsoft.Azure.Functions.Worker.FunctionAttribute");
        Assert.Contains(Listed.Value, l => l.File == "worker.txt" && l.Text.StartsWith("M Microsoft.Azure.Functions.Worker.Builder.FunctionsApplication.CreateBuilder(", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_listed_line_is_exposed_with_that_signature()
    {
        var missing = Listed.Value.Where(l => !Actual.Value.Contains(l.Text)).Select(l => $"{l.File}:{l.Line}: {l.Text}").ToList();
        Assert.True(missing.Count == 0, "Listed in docs/sdk-surface but not exposed as written:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_public_sdk_type_and_member_is_listed()
    {
        var listed = Listed.Value.Select(l => l.Text).ToHashSet(StringComparer.Ordinal);
        var extra = SurfaceDescriber.Describe(typeof(FunctionAttribute).Assembly).Where(l => !listed.Contains(l)).ToList();
        Assert.True(extra.Count == 0, "Public surface in official namespaces that docs/sdk-surface does not list:\n" + string.Join("\n", extra));
    }

    [Fact]
    public void No_line_is_listed_twice()
    {
        var duplicates = Listed.Value.GroupBy(l => l.Text, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(l => $"{l.File}:{l.Line}"))})").ToList();
        Assert.True(duplicates.Count == 0, "Listed more than once:\n" + string.Join("\n", duplicates));
    }

    private static List<(string File, int Line, string Text)> ReadListed()
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "docs", "sdk-surface");
        var lines = new List<(string, int, string)>();
        foreach (var file in Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var raw in File.ReadLines(file))
            {
                number++;
                var text = raw.Trim();
                if (text.Length > 0 && !text.StartsWith('#'))
                {
                    lines.Add((Path.GetFileName(file), number, text));
                }
            }
        }

        return lines;
    }
}
