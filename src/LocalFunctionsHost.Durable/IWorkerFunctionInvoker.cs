namespace LocalFunctionsHost.Durable;

/// <summary>
/// Runs one function in the language worker on behalf of the Durable extension: the host owns the worker connection,
/// the extension decides what to run and with which trigger value.
/// </summary>
public interface IWorkerFunctionInvoker
{
    /// <summary>Invokes <paramref name="functionName"/> with <paramref name="trigger"/> as its trigger parameter.</summary>
    /// <param name="functionName">The function's name as in its metadata (<c>[Function("Name")]</c>).</param>
    /// <param name="trigger">The value of the trigger binding.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>The function's return value or its failure.</returns>
    Task<WorkerInvocationResult> InvokeAsync(string functionName, WorkerTriggerValue trigger, CancellationToken cancellationToken);
}
