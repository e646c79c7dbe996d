namespace TwoZones.Functions.Catalogue;

/// <summary>The phases a <see cref="CatalogueImportOrchestrator"/> instance reports in <see cref="CatalogueImportProgress.Phase"/>.</summary>
public static class CatalogueImportPhase
{
    /// <summary>The stored file passed validation again.</summary>
    public const string Validated = "Validated";

    /// <summary>Final: the stored file does not validate; nothing was imported.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Agencies and programmes are saved; item batches are being created.</summary>
    public const string ImportingItems = "ImportingItems";

    /// <summary>Every item exists; their trackers are being started.</summary>
    public const string StartingTrackers = "StartingTrackers";

    /// <summary>Final: the import is done.</summary>
    public const string Completed = "Completed";
}
