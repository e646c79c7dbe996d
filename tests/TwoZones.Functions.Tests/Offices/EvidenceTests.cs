using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests.Offices;

/// <summary>Evidence files: stored in Blob Storage (the test's Azurite), their SHA-256 in the item's hash chain.</summary>
[Collection(OfficeAppCollection.Name)]
public sealed class EvidenceTests(OfficeAppFixture app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task An_official_attaches_a_pdf_which_is_listed_downloaded_as_is_and_recorded_in_the_chain_and_a_swapped_file_breaks_it()
    {
        using var uploaded = await app.PostFileAsync("api/tasks/T009/evidence?name=minutes.pdf", ApiKeys.Commerce, Pdf, "application/octet-stream");
        var text = await uploaded.Content.ReadAsStringAsync();
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, text);
        var file = JsonDocument.Parse(text).RootElement;
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(sha, file.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", file.GetProperty("mediaType").GetString());
        Assert.Equal("minutes.pdf", file.GetProperty("fileName").GetString());

        // Uploading the same file again records nothing new.
        using (var again = await app.PostFileAsync("api/tasks/T009/evidence", ApiKeys.Commerce, Pdf, "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var listed = Assert.Single((await app.GetJsonAsync("api/tasks/T009/evidence")).GetProperty("items").EnumerateArray());
        Assert.Equal(sha, listed.GetProperty("sha256").GetString());

        using (var download = await app.GetAsync($"api/tasks/T009/evidence/{sha}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var history = await app.GetJsonAsync("api/tasks/T009/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean(), history.ToString());
        var entry = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("sha256:" + sha, entry.GetProperty("evidenceUrl").GetString());
        Assert.Equal("Proposed", entry.GetProperty("to").GetString());
        Assert.Equal("Proposed", (await app.GetJsonAsync("api/tasks/T009")).GetProperty("status").GetString());

        // A status change cites the file by its hash; one citing a file never uploaded is refused.
        using (var cited = await app.PostStatusAsync("api/tasks/T009/status", ApiKeys.Commerce, new { status = "Commenced", evidenceUrl = "sha256:" + sha }))
        {
            Assert.Equal(HttpStatusCode.OK, cited.StatusCode);
        }

        var missing = new string('a', 64);
        await Problems.AssertAsync(await app.PostStatusAsync("api/tasks/T010/status", ApiKeys.Commerce, new { status = "Commenced", evidenceUrl = "sha256:" + missing }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Proposed", (await app.GetJsonAsync("api/tasks/T010")).GetProperty("status").GetString());

        // Someone with access to the storage account replaces the file: the chain no longer holds.
        var container = new BlobServiceClient(app.Azurite.ConnectionString).GetBlobContainerClient("evidence");
        await container.GetBlobClient($"T009/{sha}").UploadAsync(new BinaryData(Encoding.ASCII.GetBytes("%PDF-1.4 forged")), overwrite: true);
        var broken = await app.GetJsonAsync("api/tasks/T009/history");
        Assert.False(broken.GetProperty("chainValid").GetBoolean());
        Assert.Equal(1, broken.GetProperty("firstBrokenSeq").GetInt32());
    }

    [Fact]
    public async Task Types_are_detected_from_content_and_size_roles_and_agencies_are_enforced()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var docx = Docx("Inspection report");
        using (var image = await app.PostFileAsync("api/measures/P01-M002/evidence", ApiKeys.Coordinator, png, "application/pdf"))
        {
            Assert.Equal(HttpStatusCode.Created, image.StatusCode);
            Assert.Contains("image/png", await image.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var word = await app.PostFileAsync("api/measures/P01-M002/evidence", ApiKeys.Coordinator, docx, "application/octet-stream"))
        {
            Assert.Equal(HttpStatusCode.Created, word.StatusCode);
            Assert.Contains("wordprocessingml", await word.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(2, (await app.GetJsonAsync("api/measures/P01-M002/evidence")).GetProperty("items").GetArrayLength());
        Assert.True((await app.GetJsonAsync("api/measures/P01-M002/history")).GetProperty("chainValid").GetBoolean());

        await Problems.AssertAsync(await app.PostFileAsync("api/tasks/T007/evidence?name=report.pdf", ApiKeys.Commerce, Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertAsync(await app.PostFileAsync("api/tasks/T007/evidence", ApiKeys.Commerce, [.. Pdf, .. new byte[10 * 1024 * 1024]], "application/pdf"), HttpStatusCode.RequestEntityTooLarge);
        await Problems.AssertAsync(await app.PostFileAsync("api/tasks/T016/evidence", ApiKeys.Commerce, Pdf, "application/pdf"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.PostFileAsync("api/tasks/T007/evidence", ApiKeys.Viewer, Pdf, "application/pdf"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.PostFileAsync("api/tasks/T099/evidence", ApiKeys.Coordinator, Pdf, "application/pdf"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync($"api/tasks/T007/evidence/{new string('b', 64)}"), HttpStatusCode.NotFound);
        Assert.Empty((await app.GetJsonAsync("api/tasks/T007/evidence")).GetProperty("items").EnumerateArray());
        Assert.Empty((await app.GetJsonAsync("api/tasks/T007/history")).GetProperty("items").EnumerateArray());
    }

    private static byte[] Docx(string text)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text(text)))));
        }

        return buffer.ToArray();
    }
}
