using System.Globalization;
using System.Text;
using TwoZones.Core.Seals;

namespace TwoZones.Storage.Seals;

/// <summary>
/// Packs a seal's heads into binary columns: UTF-8 lines <c>itemId TAB seq TAB hash LF</c>, in canonical order, at most
/// <see cref="MaxChunkBytes"/> per chunk (a binary column holds 64 KiB). Item ids never contain tabs or line breaks.
/// </summary>
internal static class SealHeadsCodec
{
    public const int MaxChunkBytes = 60_000;

    public static List<byte[]> Encode(IReadOnlyList<ChainHead> heads)
    {
        var chunks = new List<byte[]>();
        var current = new List<byte>(MaxChunkBytes);
        foreach (var head in heads)
        {
            var line = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{head.ItemId}\t{head.Seq}\t{head.Hash}\n"));
            if (current.Count + line.Length > MaxChunkBytes)
            {
                chunks.Add([.. current]);
                current.Clear();
            }

            current.AddRange(line);
        }

        if (current.Count > 0)
        {
            chunks.Add([.. current]);
        }

        return chunks;
    }

    /// <summary>Decodes chunks; a line that cannot be read is returned as a head with seq -1, which cannot reproduce the root.</summary>
    public static List<ChainHead> Decode(IEnumerable<byte[]> chunks)
    {
        var heads = new List<ChainHead>();
        foreach (var chunk in chunks)
        {
            foreach (var line in Encoding.UTF8.GetString(chunk).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\t');
                heads.Add(parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                    ? new ChainHead(parts[0], seq, parts[2])
                    : new ChainHead(line, -1, string.Empty));
            }
        }

        return heads;
    }
}
