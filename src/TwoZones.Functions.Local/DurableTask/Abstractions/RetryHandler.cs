namespace Microsoft.DurableTask;

/// <summary>Decides after a failed attempt whether to try again.</summary>
/// <param name="retryContext">The failed attempt.</param>
/// <returns>True to retry.</returns>
public delegate bool RetryHandler(RetryContext retryContext);
