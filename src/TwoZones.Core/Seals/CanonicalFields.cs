using System.Globalization;
using System.Text;

namespace TwoZones.Core.Seals;

/// <summary>The field encoding seals hash, the same as the history chain's: UTF-8 length, a colon, the UTF-8 bytes.</summary>
internal static class CanonicalFields
{
    public static void Write(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        buffer.AddRange(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        buffer.AddRange(bytes);
    }
}
