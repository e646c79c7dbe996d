using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// Listens to the Azure Storage provider's log for messages it drops because the instance's history has finished
/// (DiscardingWorkItem, "Instance is Completed"), the one moment an instance whose row disagrees with its history makes itself
/// known, and hands the instance id on. The provider corrects such a row itself when both name the same execution; when they
/// name different ones (two episodes of one instance processed after a storage outage) it leaves the row saying Running forever.
/// </summary>
internal sealed class DiscardedMessageWatch(Action<string> onDiscardedForFinishedInstance) : ILoggerProvider
{
    private const string ProviderCategory = "DurableTask.AzureStorage";
    private const int DiscardingWorkItem = 139;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == ProviderCategory ? new Watcher(onDiscardedForFinishedInstance) : NoLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Watcher(Action<string> notify) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The provider's structured events expose their fields as a dictionary.
            if (eventId.Id == DiscardingWorkItem
                && state is IReadOnlyDictionary<string, object> fields
                && fields.TryGetValue("Details", out var details) && details is string reason && reason.StartsWith("Instance is ", StringComparison.Ordinal)
                && fields.TryGetValue("InstanceId", out var id) && id is string instanceId)
            {
                notify(instanceId);
            }
        }
    }

    private sealed class NoLogger : ILogger
    {
        public static readonly NoLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
