namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// A kind of trigger served by the host. At start the host hands each provider the discovered functions whose
/// trigger attribute it owns; a function whose trigger no provider owns stops the start-up with a clear message.
/// </summary>
internal interface ITriggerProvider
{
    /// <summary>Whether this provider serves functions with <paramref name="triggerAttribute"/>.</summary>
    bool Owns(Attribute triggerAttribute);

    /// <summary>Starts listening for the given functions.</summary>
    Task StartAsync(IReadOnlyList<FunctionDescriptor> functions, CancellationToken cancellationToken);

    /// <summary>Stops listening; in-flight invocations are given the host's shutdown timeout.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
