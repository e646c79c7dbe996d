using Microsoft.AspNetCore.Http;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>Where the authenticated caller of a request is kept for the function to read.</summary>
internal static class CallerIdentity
{
    private const string ItemKey = "TwoZones.Caller";

    /// <summary>Records the caller of the request.</summary>
    public static void SetCaller(this HttpContext context, Actor caller) => context.Items[ItemKey] = caller;

    /// <summary>The caller <see cref="ApiKeyAuthenticationMiddleware"/> identified.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated (an anonymous function asked).</exception>
    public static Actor GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var caller) && caller is Actor actor
            ? actor
            : throw new InvalidOperationException("The request has no authenticated caller.");
}
