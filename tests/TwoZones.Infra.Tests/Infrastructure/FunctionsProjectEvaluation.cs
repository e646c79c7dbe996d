using System.Text.Json.Nodes;

namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>src/TwoZones.Functions evaluated by MSBuild (no restore), once for all tests of a class.</summary>
public sealed class FunctionsProjectEvaluation : IAsyncLifetime
{
    public JsonObject Project { get; private set; } = null!;

    public async Task InitializeAsync() => Project = await EvaluateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static IEnumerable<JsonObject> Items(JsonObject evaluation, string itemType) =>
        evaluation["Items"]?[itemType]?.AsArray().Select(i => i!.AsObject()) ?? [];

    public static List<string> Identities(JsonObject evaluation, string itemType) =>
        Items(evaluation, itemType).Select(i => i["Identity"]!.GetValue<string>()).ToList();

    private static async Task<JsonObject> EvaluateAsync(params string[] properties)
    {
        string[] arguments =
        [
            "msbuild",
            "src/TwoZones.Functions/TwoZones.Functions.csproj",
            "-getItem:PackageReference",
            "-getItem:ProjectReference",
            "-getItem:PackageVersion",
            "-getProperty:AzureFunctionsVersion",
            .. properties,
        ];
        var result = await ProcessRunner.RunAsync("dotnet", arguments, BuildMetadata.RepositoryRoot);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("MSBuild could not evaluate the project." + Environment.NewLine + result.Describe());
        }

        return JsonNode.Parse(result.StandardOutput)?.AsObject() ?? throw new InvalidOperationException(result.Describe());
    }
}
