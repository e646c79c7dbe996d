namespace TwoZones.Core.Lifecycle;

/// <summary>
/// Reads a status by its name only. <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take numbers,
/// padding and comma lists such as <c>"Proposed, Commenced"</c> (which it reads as Commenced).
/// </summary>
public static class ItemStatusText
{
    /// <summary>The status named <paramref name="text"/>: <c>Proposed</c>, <c>Commenced</c> or <c>Completed</c>.</summary>
    /// <param name="text">The name.</param>
    /// <param name="comparison">How names compare: <see cref="StringComparison.Ordinal"/> for what is written, ignoring case for filters.</param>
    /// <param name="status">The status, when the name is one.</param>
    /// <returns>Whether <paramref name="text"/> names a status.</returns>
    public static bool TryParse(string? text, StringComparison comparison, out ItemStatus status)
    {
        foreach (var candidate in Enum.GetValues<ItemStatus>())
        {
            if (string.Equals(text, candidate.ToString(), comparison))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
