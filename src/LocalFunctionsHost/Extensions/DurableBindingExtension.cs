using LocalFunctionsHost.Configuration;
using LocalFunctionsHost.Durable;
using LocalFunctionsHost.Worker;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Extensions;

/// <summary>
/// Durable Functions on the host's extension seam: orchestrator and activity triggers and the <c>durableClient</c> input run on
/// <see cref="DurableExtension"/>. Entities (<c>entityTrigger</c>) are not among its types, so an app using them is refused
/// at start with the host's one line about an unsupported binding.
/// </summary>
internal sealed class DurableBindingExtension(HostSettings settings, bool verbose) : IBindingExtension
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private DurableExtensionOptions? _options;
    private string _configurationError = "The Durable extension was not configured.";
    private ILoggerFactory? _loggerFactory;
    private DurableExtension? _extension;

    public string Name => "Durable Functions";

    public IReadOnlySet<string> BindingTypes { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "orchestrationTrigger", "activityTrigger", "durableClient" };

    public bool NeedsStorage => true;

    public void Register(IReadOnlyList<FunctionDescriptor> functions)
    {
        try
        {
            // The same app on the same port keeps its lease owner name, so a host restarted after a crash takes its partitions
            // back at once instead of waiting for the leases it still holds under the old name to expire.
            _options = DurableExtensionOptions.FromHostJson(
                settings.HostJson.ToJsonString(), name => settings[name], DurableExtensionOptions.StableWorkerId(settings.ScriptRoot, settings.Port));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or System.Text.Json.JsonException)
        {
            // Reported when the extension starts, as one line, like any other start-up failure.
            _configurationError = e.Message;
            return;
        }

        _loggerFactory = LoggerFactory.Create(b => b
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "[yyyy-MM-ddTHH:mm:ss.fffZ] ";
            }));
        _extension = new DurableExtension(_options, _loggerFactory);
        foreach (var function in functions)
        {
            foreach (var binding in function.Bindings.Where(b => BindingTypes.Contains(b.Type)))
            {
                _extension.RegisterFunction(function.Name, binding.Type, binding.Name);
            }
        }
    }

    public async Task StartAsync(IWorkerFunctionInvoker invoker, ExtensionContext context, CancellationToken cancellationToken)
    {
        var extension = _extension ?? throw new InvalidOperationException(_configurationError);
        // The storage client retries for minutes when a table or queue endpoint is down; at start that is a configuration
        // error to report, not an outage to ride out.
        var start = extension.StartAsync(invoker, context.HttpBaseUri, cancellationToken);
        if (await Task.WhenAny(start, Task.Delay(StartTimeout, cancellationToken)) != start)
        {
            throw new TimeoutException($"the task hub '{_options!.HubName}' in {_options.ConnectionName} did not answer within {StartTimeout.TotalSeconds:0} s");
        }

        await start;
    }

    public WorkerTriggerValue GetInputValue(FunctionDescriptor function, BindingDescriptor binding) =>
        // The Durable worker extension reads the client binding as a string that holds the JSON.
        new((_extension ?? throw new InvalidOperationException("The Durable extension has not started.")).GetClientBindingValue(), IsJson: false);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => _extension?.MapEndpoints(endpoints);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_extension is not null)
        {
            // Graceful: running invocations finish, then the provider releases its partition leases for the next start.
            await _extension.StopAsync().WaitAsync(cancellationToken);
            await _extension.DisposeAsync();
        }

        _loggerFactory?.Dispose();
    }
}
