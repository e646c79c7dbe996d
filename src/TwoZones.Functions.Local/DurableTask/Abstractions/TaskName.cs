namespace Microsoft.DurableTask;

/// <summary>The name of an orchestrator or activity; names compare case-insensitively.</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    /// <summary>Creates a task name.</summary>
    /// <param name="name">The name; null gives the default (empty) name.</param>
    public TaskName(string name)
    {
        Name = name;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Converts a task name to its string.</summary>
    public static implicit operator string(TaskName value) => value.Name;

    /// <summary>Converts a string to a task name; null or empty gives the default name.</summary>
    public static implicit operator TaskName(string value) => string.IsNullOrEmpty(value) ? default : new TaskName(value);

    /// <summary>Whether two names are equal, ignoring case.</summary>
    public static bool operator ==(TaskName a, TaskName b) => a.Equals(b);

    /// <summary>Whether two names differ, ignoring case.</summary>
    public static bool operator !=(TaskName a, TaskName b) => !a.Equals(b);

    /// <summary>Whether <paramref name="other"/> names the same task, ignoring case.</summary>
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
