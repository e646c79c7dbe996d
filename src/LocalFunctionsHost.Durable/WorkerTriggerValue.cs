namespace LocalFunctionsHost.Durable;

/// <summary>The value handed to a function's trigger parameter.</summary>
/// <param name="Text">The value as text.</param>
/// <param name="IsJson">True to send it to the worker as JSON data, false as a plain string.</param>
public sealed record WorkerTriggerValue(string? Text, bool IsJson);
