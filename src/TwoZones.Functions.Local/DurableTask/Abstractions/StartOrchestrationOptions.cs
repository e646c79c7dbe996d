namespace Microsoft.DurableTask;

/// <summary>Options for starting an orchestration instance.</summary>
public record StartOrchestrationOptions
{
    /// <summary>Creates start options.</summary>
    /// <param name="InstanceId">The instance id; a new GUID when null.</param>
    /// <param name="StartAt">When to start the instance; at once when null.</param>
#pragma warning disable CA1707, IDE1006 // Parameter names match the official positional record.
    public StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
#pragma warning restore CA1707, IDE1006
    {
        this.InstanceId = InstanceId;
        this.StartAt = StartAt;
    }

    /// <summary>Copies <paramref name="options"/>.</summary>
    /// <param name="options">The options to copy.</param>
    public StartOrchestrationOptions(StartOrchestrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceId = options.InstanceId;
        StartAt = options.StartAt;
        Tags = options.Tags;
    }

    /// <summary>The instance id; a new GUID when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>When to start the instance; at once when null.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Tags attached to the instance.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
