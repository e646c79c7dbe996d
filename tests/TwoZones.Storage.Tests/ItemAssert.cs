using System.Text.Json;

namespace TwoZones.Storage.Tests;

public static class ItemAssert
{
    /// <summary>Records holding lists compare by reference; compare what an API client would see instead.</summary>
    public static void AssertSame(ItemRecord? expected, ItemRecord? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }
}
