using System.Text.Json;
using TwoZones.Core.Seals;

namespace TwoZones.HistoryVerifier;

/// <summary>
/// <c>verify-history EXPORT.json [--seal HASH]</c>: recomputes every item's hash chain and every seal of an export of
/// <c>GET /api/history/export</c>, and checks that each seal's heads are still in the histories. Exit code 0 when everything
/// checks, 1 when something does not, 2 when the export cannot be read.
/// </summary>
public static class VerifyCommand
{
    /// <summary>Most problems of one kind printed in full.</summary>
    public const int MaxListed = 50;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The export's path, optionally <c>--seal HASH</c> (a seal published elsewhere, e.g. in a digest, that the export must contain).</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="error">Where usage and read errors go.</param>
    /// <returns>0, 1 or 2 (see the type).</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? path = null;
        string? seal = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--seal" && i + 1 < args.Count)
            {
                seal = args[++i];
            }
            else if (path is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                path = args[i];
            }
            else
            {
                return Usage(error);
            }
        }

        if (path is null)
        {
            return Usage(error);
        }

        HistoryExport export;
        try
        {
            export = HistoryExportJson.Read(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            error.WriteLine($"Cannot read {path}: {e.Message}");
            return 2;
        }

        var result = ExportVerifier.Verify(export, seal);
        Report(export, result, output);
        return result.IsValid ? 0 : 1;
    }

    private static void Report(HistoryExport export, ExportVerification result, TextWriter output)
    {
        output.WriteLine($"Export of {export.ExportedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}: {result.Items} items, {result.Entries} history entries, {export.Seals.Count} seals.");
        output.WriteLine(result.BrokenChains.Count == 0
            ? "Chains: every item's chain verifies and ends at the head its state records."
            : $"Chains: {result.BrokenChains.Count} broken.");
        foreach (var broken in result.BrokenChains.Take(MaxListed))
        {
            output.WriteLine($"  BROKEN {broken.ItemId} at seq {broken.FirstBrokenSeq}: {broken.Reason}");
        }

        output.WriteLine(result.SealChainProblem is null ? "Seals: the chain of seals links up." : $"Seals: {result.SealChainProblem}");
        foreach (var seal in result.Seals)
        {
            var status = seal.Consistent ? "ok" : "MISMATCH";
            output.WriteLine($"  seal {seal.Seal.Seq} {seal.Seal.Hash} ({seal.Seal.SealedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}, {seal.Seal.Reason}): {status}, {seal.ItemsMatching} of {seal.ItemsSealed} items match");
            if (seal.Problem is not null)
            {
                output.WriteLine($"    {seal.Problem}");
            }

            foreach (var mismatch in seal.Mismatches.Take(MaxListed))
            {
                output.WriteLine($"    {mismatch.Kind.ToString().ToUpperInvariant()} {mismatch.ItemId}: {mismatch.Detail}");
            }
        }

        if (result.ExpectedSealProblem is not null)
        {
            output.WriteLine(result.ExpectedSealProblem);
        }

        output.WriteLine(result.IsValid ? "VERIFIED" : "NOT VERIFIED");
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: verify-history EXPORT.json [--seal HASH]");
        error.WriteLine("  EXPORT.json  the body of GET /api/history/export");
        error.WriteLine("  --seal HASH  a seal hash published elsewhere (a digest prints it); the export must contain that seal");
        return 2;
    }
}
