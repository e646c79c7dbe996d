using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Storage;
using TwoZones.Storage.Digests;
using TwoZones.Testing;

namespace TwoZones.Workflows.Tests;

/// <summary>A private Azurite and the real function app on it as a child process, with the repositories the tests read storage through.</summary>
internal sealed class WorkflowApp : IAsyncDisposable
{
    public const string ViewerKey = "test-viewer-key";
    public const string CoordinatorKey = "test-coordinator-key";

    private WorkflowApp(AzuriteInstance azurite, Dictionary<string, string> environment)
    {
        Azurite = azurite;
        Environment = environment;
        Tables = new TwoZonesTables(new TableServiceClient(azurite.ConnectionString));
        Items = new ItemRepository(Tables, TimeProvider.System);
        Catalogue = new CatalogueRepository(Tables, TimeProvider.System);
        Snapshots = new SnapshotRepository(Tables);
        Digests = new DigestRepository(Tables);
    }

    public AzuriteInstance Azurite { get; }

    public Dictionary<string, string> Environment { get; }

    public ChildHost Host { get; private set; } = null!;

    public TwoZonesTables Tables { get; }

    public ItemRepository Items { get; }

    public CatalogueRepository Catalogue { get; }

    public SnapshotRepository Snapshots { get; }

    public DigestRepository Digests { get; }

    /// <summary>Starts Azurite, lets <paramref name="seed"/> write storage directly, then starts the app.</summary>
    public static async Task<WorkflowApp> StartAsync(IDictionary<string, string>? settings = null, Func<WorkflowApp, Task>? seed = null)
    {
        var azurite = await AzuriteInstance.StartNewAsync(allServices: true);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["TwoZones__SnapshotSchedule"] = "0 0 * * * *",
            ["TwoZones__DigestSchedule"] = "0 0 1 * * Mon",
            ["TwoZones__ReconcileSchedule"] = "0 */10 * * * *",
            ["TwoZones__SealSchedule"] = "0 0 16 * * *",
            ["TwoZones__DigestDeliveryFirstRetryInterval"] = "00:00:00.200",
        };
        DemoKeys.Add(environment, "test-viewer", ViewerKey, "Test Viewer", "viewer");
        DemoKeys.Add(environment, "test-coordinator", CoordinatorKey, "Test Coordinator", "coordinator");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var app = new WorkflowApp(azurite, environment);
        try
        {
            if (seed is not null)
            {
                await app.Tables.EnsureCreatedAsync(CancellationToken.None);
                await seed(app);
            }

            app.Host = await AppProcess.StartHealthyAsync(AppProcess.BuiltApp(), environment, TimeSpan.FromMinutes(5));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public static Catalogue SampleCatalogue() =>
        CatalogueJson.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json")));

    /// <summary>Writes a catalogue straight into storage, as a finished import would have.</summary>
    public async Task SeedAsync(Catalogue catalogue)
    {
        await Catalogue.SaveMetadataAsync(catalogue.Agencies, catalogue.Programmes, CancellationToken.None);
        await Items.ImportAsync(catalogue.Items.ToList(), "test-seed", CancellationToken.None);
    }

    /// <summary>Imports a catalogue through <c>POST /api/catalogue</c> and waits for the import orchestration to complete.</summary>
    public async Task ImportAsync(string catalogueJson)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/catalogue", CoordinatorKey, catalogueJson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = accepted.RootElement.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () =>
            {
                using var status = await GetJsonAsync($"api/catalogue/import/{id}", CoordinatorKey);
                var runtime = status.RootElement.GetProperty("runtimeStatus").GetString();
                Assert.NotEqual("Failed", runtime);
                return runtime == "Completed";
            },
            "the catalogue import to complete",
            TimeSpan.FromMinutes(10));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Host.Http.SendAsync(request);
    }

    public async Task<JsonDocument> GetJsonAsync(string path, string key = ViewerKey)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>A durable instance's status from the runtime's management endpoint, or null when it does not exist.</summary>
    public async Task<InstanceStatus?> InstanceAsync(string instanceId)
    {
        using var response = await Host.Http.GetAsync($"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The status of {instanceId} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        string? stage = null;
        bool? overdue = null;
        if (root.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            // Member names as the Durable serializer writes them (PascalCase with the worker's defaults): not part of the API contract.
            var members = custom.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
            stage = members.TryGetValue("stage", out var s) ? s.GetString() : null;
            overdue = members.TryGetValue("overdue", out var o) && o.ValueKind is JsonValueKind.True or JsonValueKind.False ? o.GetBoolean() : null;
        }

        return new InstanceStatus(root.GetProperty("runtimeStatus").GetString()!, stage, overdue, root.Clone());
    }

    /// <summary>Today in Beijing, formatted for a status change body.</summary>
    public static string TodayText() =>
        Core.Time.ShanghaiClock.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}

/// <summary>What the runtime says about an orchestration instance.</summary>
internal sealed record InstanceStatus(string RuntimeStatus, string? Stage, bool? Overdue, JsonElement Raw);
