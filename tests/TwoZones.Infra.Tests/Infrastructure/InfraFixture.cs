using System.Text.Json.Nodes;

namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>
/// Runs bicep once for the whole collection, all invocations at the same time: build and lint of the
/// template, build of the parameters file (which reports the linter's findings for it too), and a snapshot (bicep's own prediction of the deployed resources,
/// with every expression it can resolve evaluated) for the sample environment.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    private string? snapshotDirectory;

    public ProcessResult TemplateBuild { get; private set; } = null!;

    public ProcessResult TemplateLint { get; private set; } = null!;

    public ProcessResult ParametersBuild { get; private set; } = null!;

    public ProcessResult Snapshot { get; private set; } = null!;

    /// <summary>The compiled ARM template (main.json as `bicep build` writes it).</summary>
    public JsonObject Template { get; private set; } = null!;

    /// <summary>The compiled ARM template as text, for searches that must cover every nested template.</summary>
    public string TemplateText => TemplateBuild.StandardOutput;

    /// <summary>The predicted resources of the sample deployment.</summary>
    public IReadOnlyList<JsonObject> Resources { get; private set; } = [];

    public string SnapshotText { get; private set; } = string.Empty;

    /// <summary>Diagnostics bicep recorded while predicting the deployment.</summary>
    public JsonArray SnapshotDiagnostics { get; private set; } = [];

    public JsonObject Parameters { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = BuildMetadata.RepositoryRoot;
        var env = SampleDeployment.Environment;

        // snapshot writes main.snapshot.json beside the parameters file: work on a copy so the tree stays clean.
        snapshotDirectory = Directory.CreateTempSubdirectory("twozones-infra-").FullName;
        CopyDirectory(BuildMetadata.InfraDirectory, snapshotDirectory);

        var build = BicepCli.RunAsync(root, null, "build", "infra/main.bicep", "--stdout");
        var lint = BicepCli.RunAsync(root, null, "lint", "infra/main.bicep");
        var buildParams = BicepCli.RunAsync(root, env, "build-params", "infra/main.bicepparam", "--stdout");
        var snapshot = BicepCli.RunAsync(
            snapshotDirectory,
            env,
            "snapshot",
            "main.bicepparam",
            "--mode",
            "overwrite",
            "--tenant-id",
            SampleDeployment.TenantId,
            "--subscription-id",
            SampleDeployment.SubscriptionId,
            "--resource-group",
            SampleDeployment.ResourceGroup,
            "--location",
            SampleDeployment.Location);

        TemplateBuild = await build;
        TemplateLint = await lint;
        ParametersBuild = await buildParams;
        Snapshot = await snapshot;

        Template = ParseObject(TemplateBuild, TemplateBuild.StandardOutput);
        var parametersEnvelope = ParseObject(ParametersBuild, ParametersBuild.StandardOutput);
        Parameters = JsonNode.Parse(parametersEnvelope["parametersJson"]!.GetValue<string>())!.AsObject();

        var snapshotFile = Path.Combine(snapshotDirectory, "main.snapshot.json");
        if (!File.Exists(snapshotFile))
        {
            throw new InvalidOperationException("bicep snapshot wrote no main.snapshot.json." + Environment.NewLine + Snapshot.Describe());
        }

        SnapshotText = await File.ReadAllTextAsync(snapshotFile);
        var snapshotJson = ParseObject(Snapshot, SnapshotText);
        Resources = snapshotJson["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        SnapshotDiagnostics = snapshotJson["diagnostics"]?.AsArray() ?? [];
    }

    public Task DisposeAsync()
    {
        if (snapshotDirectory is not null)
        {
            Directory.Delete(snapshotDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The one predicted resource of a type (and, for child resources, a name suffix).</summary>
    public JsonObject Single(string type, string? nameEndsWith = null) =>
        Assert.Single(All(type), r => nameEndsWith is null || r["name"]!.GetValue<string>().EndsWith(nameEndsWith, StringComparison.Ordinal));

    public IReadOnlyList<JsonObject> All(string type) =>
        Resources.Where(r => string.Equals(r["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)).ToList();

    private static JsonObject ParseObject(ProcessResult result, string json)
    {
        try
        {
            return JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("empty JSON");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException("bicep did not produce JSON." + Environment.NewLine + result.Describe(), e);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
