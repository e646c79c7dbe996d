using System.Text.Json;

namespace Microsoft.DurableTask.Client;

/// <summary>The status of an orchestration instance, as returned by status queries.</summary>
public sealed class OrchestrationMetadata
{
    /// <summary>Creates the metadata of an instance.</summary>
    /// <param name="name">The orchestration name.</param>
    /// <param name="instanceId">The instance id.</param>
    public OrchestrationMetadata(string name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    /// <summary>The orchestration name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The instance state.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance state last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON; null unless inputs and outputs were requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON; null unless inputs and outputs were requested and the instance finished.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON; null unless inputs and outputs were requested and a status was set.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Tags attached at start.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the instance failed; null unless it failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Whether the instance is <see cref="OrchestrationRuntimeStatus.Running"/>.</summary>
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    /// <summary>Whether the instance finished: completed, failed or terminated.</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    internal JsonSerializerOptions? SerializerOptions { get; init; }

    /// <summary>The input deserialized as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    /// <exception cref="InvalidOperationException">The metadata was fetched without inputs and outputs.</exception>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput, nameof(ReadInputAs));

    /// <summary>The output deserialized as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    /// <exception cref="InvalidOperationException">The metadata was fetched without inputs and outputs.</exception>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput, nameof(ReadOutputAs));

    /// <summary>The custom status deserialized as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The custom status type.</typeparam>
    /// <exception cref="InvalidOperationException">The metadata was fetched without inputs and outputs.</exception>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus, nameof(ReadCustomStatusAs));

    /// <inheritdoc/>
    public override string ToString()
        => $"[Name: '{Name}', ID: '{InstanceId}', RuntimeStatus: {RuntimeStatus}, CreatedAt: {CreatedAt:s}, LastUpdatedAt: {LastUpdatedAt:s}]";

    private T? Read<T>(string? json, string method)
    {
        if (SerializerOptions is null)
        {
            throw new InvalidOperationException($"{method} needs metadata fetched with inputs and outputs (getInputsAndOutputs: true).");
        }

        return json is null ? default : JsonSerializer.Deserialize<T>(json, SerializerOptions);
    }
}
