using System.Diagnostics;
using System.Runtime.CompilerServices;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Tests;

/// <summary>
/// The committed sample catalogue (data/catalogue.sample.json) is what ./run.sh seeds and what demos quote, so its
/// headline figures and its consistency are pinned here, as is the generator's determinism.
/// </summary>
public class SampleCatalogueTests
{
    private const string SamplePath = "data/catalogue.sample.json";
    private const string GeneratorPath = "tools/generate-catalogue.mjs";
    private static readonly DateOnly ReferenceDate = new(2026, 11, 20);

    private static readonly string[] DistrictCodes =
    [
        "Dongcheng", "Xicheng", "Chaoyang", "Haidian", "Fengtai", "Shijingshan", "Mentougou", "Fangshan",
        "Tongzhou", "Shunyi", "Changping", "Daxing", "Huairou", "Pinggu", "Miyun", "Yanqing", "BDA",
    ];

    private static readonly Lazy<string> RepoRoot = new(FindRepoRoot);
    private static readonly Lazy<Catalogue.Catalogue> Sample =
        new(() => CatalogueJson.Parse(File.ReadAllText(Path.Combine(RepoRoot.Value, SamplePath))));

    [Fact]
    public void Sample_file_parses_into_tasks_and_measures()
    {
        var catalogue = Sample.Value;

        Assert.All(catalogue.Tasks, t => Assert.Equal(ItemKind.Task, t.Kind));
        Assert.All(catalogue.Measures, m => Assert.Equal(ItemKind.Measure, m.Kind));
        Assert.Contains(catalogue.Measures, m => m.Tasks.Count > 0);
    }

    [Fact]
    public void Sample_validates_without_errors_as_of_the_reference_date()
    {
        var errors = CatalogueValidator.Validate(Sample.Value, ReferenceDate);

        Assert.Empty(errors);
    }

    [Fact]
    public void Sample_has_the_catalogue_dimensions()
    {
        var catalogue = Sample.Value;

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"P{i:00}"), catalogue.Programmes.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(1, 251).Select(i => $"T{i:000}"), catalogue.Tasks.Select(t => t.Id));
        Assert.InRange(catalogue.Measures.Count, 450, 550);
        Assert.InRange(catalogue.Agencies.Count, 12, 20);
        Assert.All(catalogue.Measures, m => Assert.StartsWith(m.Programme + "-M", m.Id, StringComparison.Ordinal));
        Assert.All(catalogue.Measures, m => Assert.InRange(m.Tasks.Count, 0, 3));
    }

    [Fact]
    public void Every_programme_has_tasks_and_measures()
    {
        var catalogue = Sample.Value;

        Assert.All(catalogue.Programmes, p =>
        {
            Assert.Contains(catalogue.Tasks, t => t.Programme == p.Id);
            Assert.Contains(catalogue.Measures, m => m.Programme == p.Id);
        });
    }

    [Fact]
    public void Every_name_and_title_is_bilingual()
    {
        var catalogue = Sample.Value;
        var pairs = catalogue.Agencies.Select(a => (a.Id, En: a.NameEn, Zh: a.NameZh))
            .Concat(catalogue.Programmes.Select(p => (p.Id, En: p.NameEn, Zh: p.NameZh)))
            .Concat(catalogue.Items.Select(i => (i.Id, En: i.TitleEn, Zh: i.TitleZh)))
            .ToList();

        Assert.All(pairs, pair =>
        {
            Assert.False(string.IsNullOrWhiteSpace(pair.En), $"{pair.Id} has no English text");
            Assert.True(ContainsCjk(pair.Zh), $"{pair.Id} has no Chinese text: \"{pair.Zh}\"");
            Assert.False(ContainsCjk(pair.En), $"{pair.Id} has Chinese in its English text: \"{pair.En}\"");
        });
        var titles = catalogue.Items.Select(i => i.TitleEn).ToList();
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Districts_use_the_documented_codes_and_many_of_them()
    {
        var items = Sample.Value.Items.ToList();
        var used = items.Where(i => i.District is not null).Select(i => i.District!).ToHashSet(StringComparer.Ordinal);

        Assert.Subset(DistrictCodes.ToHashSet(StringComparer.Ordinal), used);
        Assert.True(used.Count >= 12, $"only {used.Count} districts used");
        Assert.Contains(items, i => i.District is null);
    }

    [Fact]
    public void Nearly_98_percent_of_tasks_have_commenced()
    {
        var tasks = Sample.Value.Tasks;
        var commenced = tasks.Count(t => t.Status is ItemStatus.Commenced or ItemStatus.Completed);

        Assert.Equal(246, commenced);
        Assert.Equal(251, tasks.Count);
        Assert.Equal(98.0, Percentage.Of(commenced, tasks.Count));
    }

    [Fact]
    public void Most_tasks_are_completed_and_some_items_are_overdue()
    {
        var catalogue = Sample.Value;
        var completed = catalogue.Tasks.Count(t => t.Status == ItemStatus.Completed);

        Assert.True(Percentage.Of(completed, catalogue.Tasks.Count) >= 80.0, $"only {completed} of {catalogue.Tasks.Count} tasks completed");
        Assert.Contains(catalogue.Items, i => i.Status == ItemStatus.Commenced && i.PlannedCompletion < ReferenceDate);
        Assert.Contains(catalogue.Items, i => i.Status == ItemStatus.Proposed && i.PlannedCommencement < ReferenceDate);
    }

    [Fact]
    public void Commerce_bureau_of_the_demo_key_leads_many_items()
    {
        var catalogue = Sample.Value;

        Assert.Contains(catalogue.Agencies, a => a.Id == "BMCB");
        Assert.True(catalogue.Items.Count(i => i.LeadAgency == "BMCB") >= 20);
        Assert.True(catalogue.Items.Select(i => i.LeadAgency).Distinct(StringComparer.Ordinal).Count() >= 10);
    }

    [Fact]
    public async Task Generator_reproduces_the_committed_file_byte_for_byte()
    {
        var root = RepoRoot.Value;
        var output = Path.Combine(Path.GetTempPath(), $"twozones-catalogue-{Guid.NewGuid():N}.json");
        try
        {
            var startInfo = new ProcessStartInfo("node")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(Path.Combine(root, GeneratorPath));
            startInfo.ArgumentList.Add(output);
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            Assert.True(process.ExitCode == 0, $"generator failed ({process.ExitCode}): {await stderr}{await stdout}");
            var expected = await File.ReadAllBytesAsync(Path.Combine(root, SamplePath));
            var actual = await File.ReadAllBytesAsync(output);
            Assert.True(expected.AsSpan().SequenceEqual(actual), "the committed sample differs from the generator's output; run node tools/generate-catalogue.mjs");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static bool ContainsCjk(string? text) =>
        text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    // The source path is the last resort: test hosts built with an out-of-tree --artifacts-path run from /tmp.
    private static string FindRepoRoot() => FindRepoRoot(SourceFile());

    private static string SourceFile([CallerFilePath] string path = "") => path;

    private static string FindRepoRoot(string sourceFile)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TWOZONES_REPO_ROOT");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && IsRepoRoot(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            if (start.Length == 0 || !Directory.Exists(start))
            {
                continue;
            }

            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRepoRoot(dir.FullName))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            "Cannot find the repository root (TwoZones.Functions.sln); set TWOZONES_REPO_ROOT.");
    }

    private static bool IsRepoRoot(string directory) => File.Exists(Path.Combine(directory, "TwoZones.Functions.sln"));
}
