using Azure.Data.Tables;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Stores text longer than a table property allows (64 KB) across numbered properties of one entity
/// (<c>Name</c>, <c>Name_1</c>, ...); an entity holds at most 1 MB, which bounds one value to about 450,000 characters.
/// </summary>
internal static class LargeText
{
    public const int PartLength = 30_000;
    public const int MaxLength = PartLength * 15;

    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxLength)
        {
            throw new InvalidOperationException($"A durable value of {value.Length} characters exceeds the {MaxLength}-character limit of the local runtime.");
        }

        entity[name] = value.Length <= PartLength ? value : value[..PartLength];
        for (int part = 1, start = PartLength; start < value.Length; part++, start += PartLength)
        {
            entity[$"{name}_{part}"] = value.Substring(start, Math.Min(PartLength, value.Length - start));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        if (entity.GetString(name + "_1") is null)
        {
            return first;
        }

        var text = new System.Text.StringBuilder(first);
        for (var part = 1; entity.GetString($"{name}_{part}") is { } next; part++)
        {
            text.Append(next);
        }

        return text.ToString();
    }
}
