namespace TwoZones.Storage.Entities;

/// <summary>Which strings may be used as an item's partition key.</summary>
internal static class ItemKeys
{
    private const int MaxIdLength = 64;

    /// <summary>
    /// Table keys may not contain <c>/ \ # ?</c> or control characters; an id with any of them cannot be an item,
    /// so it is answered as "not found" instead of letting the service reject the request.
    /// </summary>
    public static bool IsUsableId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
