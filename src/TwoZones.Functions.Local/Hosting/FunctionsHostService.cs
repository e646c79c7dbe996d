using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// Starts the functions before the web server: checks every function can run here, checks storage answers, then starts
/// each trigger provider with the functions it owns. Prints the function list once the server listens, as Core Tools does.
/// </summary>
internal sealed partial class FunctionsHostService(
    FunctionCatalog catalog,
    ParameterBinder binder,
    IEnumerable<ITriggerProvider> providers,
    StorageConnection storage,
    LocalHostOptions options,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<FunctionsHostService> logger) : IHostedLifecycleService
{
    private readonly ITriggerProvider[] _providers = [.. providers];
    private readonly List<ITriggerProvider> _started = [];

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var assignments = Validate();
        await StorageProbe.EnsureReachableAsync(storage, options.StorageProbeTimeout, time, cancellationToken);
        foreach (var (provider, functions) in assignments)
        {
            await provider.StartAsync(functions, cancellationToken);
            _started.Add(provider);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder().AppendLine().AppendLine("Functions:").AppendLine();
        foreach (var function in catalog.Functions.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            text.Append('\t').Append(function.Name).Append(": ");
            text.AppendLine(HttpTriggerProvider.Describe(function, options) ?? LocalFunctionDefinition.BindingTypeName(function.TriggerAttribute));
            text.AppendLine();
        }

        LogFunctions(logger, text.ToString());
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in _started)
        {
            await provider.StopAsync(cancellationToken);
        }
    }

    private List<(ITriggerProvider Provider, IReadOnlyList<FunctionDescriptor> Functions)> Validate()
    {
        var problems = new List<string>(catalog.Problems);
        var byProvider = _providers.Distinct().ToDictionary(p => p, _ => new List<FunctionDescriptor>());
        foreach (var function in catalog.Functions)
        {
            var provider = _providers.FirstOrDefault(p => p.Owns(function.TriggerAttribute));
            if (provider is null)
            {
                problems.Add($"Function '{function.Name}' ({function.Method.DeclaringType?.FullName}.{function.Method.Name}): trigger attribute [{function.TriggerAttribute.GetType().Name.Replace("Attribute", string.Empty, StringComparison.Ordinal)}] on parameter '{function.TriggerParameter.Name}' is not supported by the local runtime.");
                continue;
            }

            problems.AddRange(binder.Problems(function));
            if (function.TriggerAttribute is TimerTriggerAttribute)
            {
                try
                {
                    TimerSchedule.For(function, configuration);
                }
                catch (LocalStartupException e)
                {
                    problems.Add(e.Message);
                }
            }

            byProvider[provider].Add(function);
        }

        if (problems.Count > 0)
        {
            throw new LocalStartupException("The functions host cannot start: " + string.Join(" ", problems));
        }

        return [.. byProvider.Select(p => (p.Key, (IReadOnlyList<FunctionDescriptor>)p.Value))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{FunctionList}")]
    private static partial void LogFunctions(ILogger logger, string functionList);
}
