using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>
/// API keys from configuration, stored as hashes: <c>TwoZones:ApiKeys:{label}:Sha256</c> (the lowercase hex SHA-256 of the
/// key's UTF-8 bytes), <c>:Name</c>, <c>:Role</c>, optional <c>:Agency</c> and <c>:Id</c>. The label only names the entry; the key
/// itself is in no setting. A presented key matches only byte for byte (so another letter case does not), compared in constant time.
/// </summary>
internal sealed partial class ApiKeyDirectory
{
    private const string Section = "TwoZones:ApiKeys";

    /// <summary>Keys are random strings; anything longer is refused before hashing.</summary>
    private const int MaxKeyLength = 256;

    private readonly IConfiguration _configuration;
    private readonly ILogger<ApiKeyDirectory> _logger;
    private volatile Entry[] _entries = [];

    /// <summary>Reads the entries now and again whenever the configuration reloads.</summary>
    public ApiKeyDirectory(IConfiguration configuration, ILogger<ApiKeyDirectory> logger)
    {
        _configuration = configuration;
        _logger = logger;
        Load();
        ChangeToken.OnChange(configuration.GetReloadToken, Load);
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="key"/>, as a <c>Sha256</c> setting holds it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The caller a key stands for, or <see langword="null"/> for an unknown key.</summary>
    public Actor? Find(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        Actor? found = null;

        // Every entry is compared, so the time taken does not tell which entry (or how much of a hash) matched.
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, entry.Hash))
            {
                found = entry.Actor;
            }
        }

        return found;
    }

    private void Load()
    {
        var entries = new List<Entry>();
        foreach (var section in _configuration.GetSection(Section).GetChildren())
        {
            var label = section.Key;
            if (Roles.Parse(section["Role"]) is not { } role)
            {
                LogIgnored(_logger, label, "it has no valid Role (viewer, official or coordinator)");
                continue;
            }

            if (!TryParseHash(section["Sha256"], out var hash))
            {
                LogIgnored(_logger, label, "it has no Sha256 (64 hex digits: the SHA-256 of the key; keys in clear are not read)");
                continue;
            }

            var name = string.IsNullOrWhiteSpace(section["Name"]) ? label : section["Name"]!;
            var id = string.IsNullOrWhiteSpace(section["Id"]) ? name : section["Id"]!;
            var agency = string.IsNullOrWhiteSpace(section["Agency"]) ? null : section["Agency"];
            entries.Add(new Entry(hash, new Actor(id, name, role, agency)));
        }

        _entries = [.. entries];
    }

    private static bool TryParseHash(string? text, out byte[] hash)
    {
        hash = [];
        if (text is not { Length: 64 })
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key entry TwoZones:ApiKeys:{Label} is ignored: {Reason}.")]
    private static partial void LogIgnored(ILogger logger, string label, string reason);

    private sealed record Entry(byte[] Hash, Actor Actor);
}
