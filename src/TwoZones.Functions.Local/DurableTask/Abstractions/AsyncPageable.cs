namespace Microsoft.DurableTask;

/// <summary>A sequence of values fetched page by page.</summary>
/// <typeparam name="T">The value type.</typeparam>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
    where T : notnull
{
    /// <summary>The pages, starting at <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">Where to continue; from the start when null.</param>
    /// <param name="pageSizeHint">The preferred page size.</param>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default);

    /// <summary>Enumerates every value of every page.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}
