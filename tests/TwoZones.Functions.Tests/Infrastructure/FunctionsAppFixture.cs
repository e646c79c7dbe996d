using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TwoZones.Core.Catalogue;
using TwoZones.Testing;

namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>
/// One private Azurite (persisted, so it can be stopped and started again) and one app process on a free port, shared by the tests of a
/// class. Subclasses seed it through the API.
/// </summary>
public class FunctionsAppFixture : IAsyncLifetime
{
    private ChildHost? _host;
    private AzuriteInstance? _azurite;

    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("Not started.");

    public ChildHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http => Host.Http;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync(allServices: true);
        var env = AppProcess.Settings(_azurite.ConnectionString);
        foreach (var (name, value) in ApiKeys.Environment())
        {
            env[name] = value;
        }

        ConfigureEnvironment(env);
        _host = await AppProcess.StartHealthyAsync(AppProcess.BuiltApp(), env, TimeSpan.FromMinutes(5));
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected virtual void ConfigureEnvironment(IDictionary<string, string> env)
    {
    }

    /// <summary>An App Service Authentication client principal header value with the given claims.</summary>
    public static string ClientPrincipal(params (string Type, string Value)[] claims)
    {
        var principal = new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims = claims.Select(c => new { typ = c.Type, val = c.Value }) };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = ApiKeys.Viewer) => SendAsync(HttpMethod.Get, path, key);

    public async Task<JsonElement> GetJsonAsync(string path, string? key = ApiKeys.Viewer)
    {
        using var response = await GetAsync(path, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostStatusAsync(string path, string key, object body, string? ifMatch = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, key, body, request =>
        {
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
        });

    /// <summary>Posts a catalogue (202 expected) and waits for its import to finish; returns the final import status.</summary>
    public async Task<JsonElement> ImportAsync(Catalogue catalogue) => await ImportAsync(CatalogueJson.Serialize(catalogue));

    public async Task<JsonElement> ImportAsync(string catalogueJson)
    {
        using var response = await PostCatalogueAsync(catalogueJson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/catalogue answered {(int)response.StatusCode}: {text}");
        var accepted = JsonDocument.Parse(text).RootElement;
        return await WaitForImportAsync(accepted.GetProperty("statusQueryGetUri").GetString()!);
    }

    public async Task<HttpResponseMessage> PostCatalogueAsync(string catalogueJson, string key = ApiKeys.Coordinator)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/catalogue");
        request.Headers.Add("x-functions-key", key);
        request.Content = new StringContent(catalogueJson, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> WaitForImportAsync(string statusUri)
    {
        JsonElement status = default;
        await WaitUntilAsync(
            async () =>
            {
                status = await GetJsonAsync(statusUri);
                var runtime = status.GetProperty("runtimeStatus").GetString();
                Assert.True(runtime is not ("Failed" or "Terminated"), $"The import ended {runtime}: {status}");
                return runtime == "Completed";
            },
            TimeSpan.FromMinutes(10),
            "the catalogue import to complete");
        return status;
    }

    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Polling.UntilAsync(condition, timeout, what, e => e is HttpRequestException);
}
