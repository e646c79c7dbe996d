using System.Text.Json.Serialization;

namespace TwoZones.Core.Lifecycle;

/// <summary>The lifecycle stage of a task or measure (serialized by name: <c>"Commenced"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ItemStatus>))]
public enum ItemStatus
{
    /// <summary>Approved, work not yet started.</summary>
    Proposed,

    /// <summary>Work has started.</summary>
    Commenced,

    /// <summary>Work is done.</summary>
    Completed,
}
