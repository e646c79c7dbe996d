namespace Microsoft.DurableTask;

/// <summary>Decides after a failed attempt whether to try again; may await durable work such as a timer.</summary>
/// <param name="retryContext">The failed attempt.</param>
/// <returns>True to retry.</returns>
public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);
