using System.Text.Json.Serialization;

namespace TwoZones.Core.Lifecycle;

/// <summary>What a tracked item is: one of the State Council's tasks, or a measure of a special reform programme (serialized as <c>"task"</c>/<c>"measure"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemKind>))]
public enum ItemKind
{
    /// <summary>A task approved by the State Council (<c>T001</c>…<c>T251</c>).</summary>
    [JsonStringEnumMemberName("task")]
    Task,

    /// <summary>A specific measure of a special reform programme (<c>P03-M017</c>).</summary>
    [JsonStringEnumMemberName("measure")]
    Measure,
}
