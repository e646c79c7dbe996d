using System.Runtime.CompilerServices;

namespace Microsoft.DurableTask;

/// <summary>Creates <see cref="AsyncPageable{T}"/>s from page functions.</summary>
public static class Pageable
{
    /// <summary>A pageable that calls <paramref name="pageFunc"/> for each page.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="pageFunc">Fetches the page at a continuation token.</param>
    public static AsyncPageable<T> Create<T>(Func<string?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return Create<T>((continuation, _, cancellation) => pageFunc(continuation, cancellation));
    }

    /// <summary>A pageable that calls <paramref name="pageFunc"/> for each page.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="pageFunc">Fetches the page at a continuation token with a page size hint.</param>
    public static AsyncPageable<T> Create<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(pageFunc);
        return new FunctionPageable<T>(pageFunc);
    }

    private sealed class FunctionPageable<T>(Func<string?, int?, CancellationToken, Task<Page<T>>> pageFunc) : AsyncPageable<T>
        where T : notnull
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = default, int? pageSizeHint = default)
            => Pages(continuationToken, pageSizeHint);

        private async IAsyncEnumerable<Page<T>> Pages(string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken cancellation = default)
        {
            do
            {
                var page = await pageFunc(continuationToken, pageSizeHint, cancellation).ConfigureAwait(false);
                yield return page;
                continuationToken = page.ContinuationToken;
            }
            while (continuationToken is not null);
        }
    }
}
