using Microsoft.AspNetCore.Http;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Feeds;

/// <summary>
/// The contract of the feeds, written once: both are read by feed readers and calendar apps, which cannot send headers, take the
/// same filters and language, and answer the document or a 400.
/// </summary>
internal static class FeedContract
{
    /// <summary>The contract of one feed.</summary>
    /// <param name="format">Which feed.</param>
    public static EndpointContract Of(FeedFormat format)
    {
        var (summary, description, contentType, texts) = format switch
        {
            FeedFormat.Atom => (
                "Atom feed of status changes, newest first (key may be in ?code=)",
                $"RFC 4287 Atom feed of the latest {FeedFunctions.MaxEntries} status changes of the last year, newest first. Entry ids "
                + "(urn:twozones:transition:{item}:{seq}) and updated times (when the change was recorded) are stable across requests. "
                + "Feed readers cannot send headers: put the key in ?code=.",
                "application/atom+xml",
                "Titles"),
            FeedFormat.Calendar => (
                "iCalendar of planned commencement and completion dates (key may be in ?code=)",
                "RFC 5545 calendar: one all-day event per planned commencement and completion date, UID {item}-{commencement|completion}@twozones. "
                + "An event whose date passed without the transition has category OVERDUE and [OVERDUE] in its summary; one met has category DONE. "
                + "Calendar apps cannot send headers: put the key in ?code=.",
                "text/calendar",
                "Summaries"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        return new EndpointContract(summary, Role.Viewer, [new(StatusCodes.Status200OK), new(StatusCodes.Status400BadRequest)])
        {
            Description = description,
            ContentTypes = [contentType],
            Query =
            [
                new QueryParameterAttribute("programme", "Only items of this programme, e.g. P03."),
                new QueryParameterAttribute("agency", "Only items this agency leads, e.g. BMCB."),
                new QueryParameterAttribute("lang", $"{texts} in en (default) or zh.") { Values = ["en", "zh"] },
            ],
        };
    }
}
