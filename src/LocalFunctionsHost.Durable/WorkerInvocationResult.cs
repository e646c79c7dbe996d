namespace LocalFunctionsHost.Durable;

/// <summary>What the worker answered to one invocation.</summary>
/// <param name="Succeeded">Whether the function completed without an exception.</param>
/// <param name="ReturnValue">The return value as the worker sent it: JSON text for JSON data, the text itself for a string; null when none.</param>
/// <param name="ReturnValueIsJson">True when <paramref name="ReturnValue"/> came as JSON data.</param>
/// <param name="ErrorType">The exception's type name when the function failed.</param>
/// <param name="ErrorMessage">The exception's message when the function failed.</param>
/// <param name="ErrorDetails">The exception's stack trace or further details when the function failed.</param>
public sealed record WorkerInvocationResult(
    bool Succeeded,
    string? ReturnValue,
    bool ReturnValueIsJson,
    string? ErrorType = null,
    string? ErrorMessage = null,
    string? ErrorDetails = null);
