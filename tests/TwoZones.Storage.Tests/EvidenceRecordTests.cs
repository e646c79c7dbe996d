using Azure.Storage.Blobs;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage.Evidence;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

/// <summary>
/// The chain is the record of evidence files; the blob's metadata is only the listing's shortcut. An upload that died between
/// its chain entry and the metadata write still shows in the listing, and its retry records nothing twice.
/// </summary>
public sealed class EvidenceRecordTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% minutes of the kick-off meeting\n%%EOF\n"u8.ToArray();
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_file_recorded_in_the_chain_is_listed_and_not_recorded_again_even_without_its_metadata()
    {
        var ctx = await CreateAsync(_azurite.ConnectionString);
        await ctx.SeedAsync(NewTask("T041"));
        var container = new BlobContainerClient(_azurite.ConnectionString, "evidence" + Guid.NewGuid().ToString("N")[..8]);
        var evidence = new EvidenceRepository(ctx.Tables, container, ctx.Clock);

        var (outcome, file) = await evidence.AddAsync(ItemKind.Task, "T041", Coordinator, Pdf, "application/pdf", "minutes.pdf", default);
        Assert.Equal(EvidenceOutcome.Attached, outcome);

        // The state an upload leaves when it dies after committing the chain entry and before writing the metadata.
        await container.GetBlobClient("T041/" + file!.Sha256).SetMetadataAsync(new Dictionary<string, string>());

        var listed = Assert.Single((await evidence.ListAsync(ItemKind.Task, "T041", default))!);
        Assert.Equal(file.Sha256, listed.Sha256);
        Assert.Equal(file.Seq, listed.Seq);
        Assert.Equal(Coordinator.Id, listed.UploadedBy);

        var (retried, _) = await evidence.AddAsync(ItemKind.Task, "T041", Coordinator, Pdf, "application/pdf", "minutes.pdf", default);
        Assert.Equal(EvidenceOutcome.AlreadyAttached, retried);
        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T041", default);
        Assert.Single(history!.Entries, e => e.EvidenceUrl == "sha256:" + file.Sha256);
        Assert.True(history.Verification.IsValid);

        // The listing put the metadata back, so the next listing needs no history read.
        var properties = await container.GetBlobClient("T041/" + file.Sha256).GetPropertiesAsync();
        Assert.Equal(file.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), properties.Value.Metadata["seq"]);
    }

    [Fact]
    public async Task A_stored_file_that_the_chain_does_not_cite_stays_out_of_the_listing()
    {
        var ctx = await CreateAsync(_azurite.ConnectionString);
        await ctx.SeedAsync(NewTask("T042"));
        var container = new BlobContainerClient(_azurite.ConnectionString, "evidence" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf));

        // An upload that died before its chain entry: the bytes are stored, nothing records them.
        await container.GetBlobClient("T042/" + sha).UploadAsync(new BinaryData(Pdf));
        var evidence = new EvidenceRepository(ctx.Tables, container, ctx.Clock);
        Assert.Empty((await evidence.ListAsync(ItemKind.Task, "T042", default))!);

        var (outcome, file) = await evidence.AddAsync(ItemKind.Task, "T042", Coordinator, Pdf, "application/pdf", null, default);
        Assert.Equal(EvidenceOutcome.Attached, outcome);
        Assert.Equal(sha, Assert.Single((await evidence.ListAsync(ItemKind.Task, "T042", default))!).Sha256);
        Assert.Equal(file!.Seq, (await ctx.Items.GetHistoryAsync(ItemKind.Task, "T042", default))!.Entries[^1].Seq);
    }
}
