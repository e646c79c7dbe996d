using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Binds a <c>DurableTaskClient</c> parameter to the app's task hub.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class DurableClientAttribute : InputBindingAttribute
{
    /// <summary>The task hub to use; the configured hub when not set.</summary>
    public string? TaskHub { get; set; }

    /// <summary>The name of the storage connection setting; <c>AzureWebJobsStorage</c> when not set.</summary>
    public string? ConnectionName { get; set; }
}
