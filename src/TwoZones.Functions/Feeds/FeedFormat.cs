namespace TwoZones.Functions.Feeds;

/// <summary>The two feeds; each names an endpoint of <see cref="FeedContract"/>.</summary>
internal enum FeedFormat
{
    /// <summary><c>GET /api/feed.atom</c>: status changes.</summary>
    Atom,

    /// <summary><c>GET /api/deadlines.ics</c>: planned dates.</summary>
    Calendar,
}
