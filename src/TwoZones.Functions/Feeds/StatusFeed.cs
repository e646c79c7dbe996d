using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using TwoZones.Core.Digest;
using TwoZones.Core.History;
using TwoZones.Storage;

namespace TwoZones.Functions.Feeds;

/// <summary>
/// Renders status changes as an Atom 1.0 feed (RFC 4287) with System.ServiceModel.Syndication: newest first, one entry per history entry
/// whose id (<c>urn:twozones:transition:{item}:{seq}</c>) and updated time (when it was recorded) never change between requests.
/// </summary>
public static class StatusFeed
{
    /// <summary>The feed's media type.</summary>
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>Renders the feed.</summary>
    /// <param name="changes">The changes, newest first, each with its item.</param>
    /// <param name="feedId">The feed's id (the same for the same selection).</param>
    /// <param name="selfUri">The feed's own address (without the key).</param>
    /// <param name="itemUri">The API address of an item.</param>
    /// <param name="language">Titles in English or Chinese.</param>
    /// <param name="emptyUpdated">The feed's updated time when there is no change.</param>
    /// <returns>The document as UTF-8.</returns>
    public static byte[] Render(
        IReadOnlyList<(ItemRecord Item, TransitionRecord Change)> changes, string feedId, Uri selfUri, Func<ItemRecord, Uri> itemUri, DigestLanguage language, DateTimeOffset emptyUpdated)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(itemUri);
        var labels = FeedLabels.For(language);
        var zh = language == DigestLanguage.Zh;
        var feed = new SyndicationFeed(
            zh ? "“两区”建设任务与措施状态变化" : "Two Zones tasks and measures: status changes",
            zh ? "TwoZones 记录的每一次状态变化，最新的在前。" : "Every status change TwoZones records, newest first.",
            selfUri,
            feedId,
            changes.Count > 0 ? changes[0].Change.RecordedAt : emptyUpdated)
        {
            Language = FeedLanguage.Code(language),
            Generator = "TwoZones",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "TwoZones" });
        feed.Links.Add(new SyndicationLink(selfUri, "self", null, "application/atom+xml", 0));
        feed.Items = changes.Select(c =>
        {
            var item = c.Item.Item;
            var change = c.Change;
            var title = zh ? item.TitleZh : item.TitleEn;
            var entry = new SyndicationItem(
                $"{item.Id} {labels.StatusName(change.To)}{(zh ? "：" : ": ")}{title}",
                new TextSyndicationContent(Summary(change, labels, zh)),
                itemUri(c.Item),
                $"urn:twozones:transition:{item.Id}:{change.Seq}",
                change.RecordedAt)
            {
                PublishDate = change.RecordedAt,
            };
            entry.Authors.Add(new SyndicationPerson { Name = change.Actor });
            entry.Categories.Add(new SyndicationCategory(item.Programme, "urn:twozones:programme", null));
            entry.Categories.Add(new SyndicationCategory(item.LeadAgency, "urn:twozones:agency", null));
            return entry;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            feed.GetAtom10Formatter().WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static string Summary(TransitionRecord change, FeedLabels labels, bool zh)
    {
        var text = new StringBuilder()
            .Append(labels.StatusName(change.From)).Append(" → ").Append(labels.StatusName(change.To))
            .Append(zh ? "；" : "; ").Append(labels.EffectiveDate).Append(zh ? "：" : ": ").Append(change.EffectiveDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Append(zh ? "；" : "; ").Append(labels.Actor).Append(zh ? "：" : ": ").Append(change.Actor);
        if (change.Note is { Length: > 0 } note)
        {
            text.Append(zh ? "。" : ". ").Append(note);
        }

        if (change.EvidenceUrl is { Length: > 0 } evidence)
        {
            text.Append(zh ? "（佐证：" : " (evidence: ").Append(evidence).Append(zh ? "）" : ")");
        }

        return text.ToString();
    }
}
