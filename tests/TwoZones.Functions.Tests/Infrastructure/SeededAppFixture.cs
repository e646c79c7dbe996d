namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>The app with <see cref="TestCatalogues.Small"/> imported; it also trusts App Service Authentication's client principal header.</summary>
public sealed class SeededAppFixture : FunctionsAppFixture
{
    protected override void ConfigureEnvironment(IDictionary<string, string> env) => env["TwoZones__Identity__UseClientPrincipal"] = "true";

    /// <summary>The instance id of the seed's import.</summary>
    public string SeedImportId { get; private set; } = "";

    protected override async Task SeedAsync()
    {
        SeedImportId = (await ImportAsync(TestCatalogues.Small())).GetProperty("id").GetString()!;

        // Progress is served from memory and catches up with storage within a refresh.
        await WaitUntilAsync(async () => (await GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == 35, TimeSpan.FromSeconds(30), "progress to count the seed");
    }
}
