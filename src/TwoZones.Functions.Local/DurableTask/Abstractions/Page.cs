namespace Microsoft.DurableTask;

/// <summary>One page of values and the token for the next page.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class Page<T>
    where T : notnull
{
    /// <summary>Creates a page.</summary>
    /// <param name="values">The values.</param>
    /// <param name="continuationToken">The token for the next page; null on the last page.</param>
    public Page(IReadOnlyList<T> values, string? continuationToken = null)
    {
        Values = values ?? throw new ArgumentNullException(nameof(values));
        ContinuationToken = continuationToken;
    }

    /// <summary>The values.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The token for the next page; null on the last page.</summary>
    public string? ContinuationToken { get; }
}
