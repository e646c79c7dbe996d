using System.Text;

namespace LocalFunctionsHost.Configuration;

/// <summary>
/// The host id that names the timer status and lock blobs. <c>AzureFunctionsJobHost__id</c> when set; otherwise derived as the
/// Functions host derives it when running locally: the machine name's letters and digits, a dash, the absolute value of a
/// 31-multiplier string hash of the script root, lowercased, at most 32 characters, no trailing dash. The same folder on the
/// same machine therefore keeps its timer history between runs, as with Core Tools.
/// </summary>
internal static class HostId
{
    public static string For(HostSettings settings)
    {
        if (settings["AzureFunctionsJobHost__id"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var machine = new StringBuilder();
        foreach (var c in Environment.MachineName.Where(char.IsLetterOrDigit))
        {
            machine.Append(c);
        }

        var hash = 23;
        foreach (var c in settings.ScriptRoot)
        {
            hash = unchecked((hash * 31) + c);
        }

        var id = $"{machine}-{Math.Abs((long)hash)}";
        return (id.Length > 32 ? id[..32] : id).ToLowerInvariant().TrimEnd('-');
    }
}
