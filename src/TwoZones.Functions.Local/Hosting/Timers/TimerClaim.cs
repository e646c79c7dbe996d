using Azure;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>A held timer lease: the function, its status before this run, and the row's current ETag.</summary>
internal sealed class TimerClaim(string function, TimerStatus? previous, ETag etag)
{
    public string Function { get; } = function;

    public TimerStatus? Previous { get; } = previous;

    public ETag ETag { get; set; } = etag;
}
