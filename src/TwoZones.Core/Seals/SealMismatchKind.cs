using System.Text.Json.Serialization;

namespace TwoZones.Core.Seals;

/// <summary>How an item's stored history fails to extend the head a seal recorded (serialized in camelCase, e.g. <c>"rewritten"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SealMismatchKind>))]
public enum SealMismatchKind
{
    /// <summary>The item is no longer stored.</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>The history is shorter than the sealed head: entries up to it were removed.</summary>
    [JsonStringEnumMemberName("truncated")]
    Truncated,

    /// <summary>The entry at the sealed seq has another hash: the history up to it was rewritten (even if re-chained consistently).</summary>
    [JsonStringEnumMemberName("rewritten")]
    Rewritten,

    /// <summary>The entries up to the sealed seq do not form a valid chain.</summary>
    [JsonStringEnumMemberName("chainBroken")]
    ChainBroken,
}
