using Microsoft.Extensions.Hosting;

namespace LocalFunctionsHost.Cli;

/// <summary>
/// Keeps ASP.NET Core from reacting to Ctrl-C and SIGTERM on its own: the host stops its parts in a fixed order (HTTP drains,
/// then timers and extensions, then the worker is told to terminate, then the worker's gRPC server goes).
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
