using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage;

namespace TwoZones.Functions.Feeds;

/// <summary>
/// Renders planned commencement and completion dates as an iCalendar (RFC 5545) with Ical.Net: one all-day event per date, its UID
/// (<c>{item}-commencement@twozones</c>) stable, marked overdue (category <c>OVERDUE</c> and in the summary) where the date passed without
/// the transition.
/// </summary>
public static class DeadlineCalendar
{
    /// <summary>The calendar's media type.</summary>
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Renders the calendar.</summary>
    /// <param name="items">The items.</param>
    /// <param name="today">Today in Asia/Shanghai (decides what is overdue).</param>
    /// <param name="language">Summaries in English or Chinese.</param>
    /// <returns>The calendar as UTF-8.</returns>
    public static byte[] Render(IReadOnlyList<ItemRecord> items, DateOnly today, DigestLanguage language)
    {
        ArgumentNullException.ThrowIfNull(items);
        var zh = language == DigestLanguage.Zh;
        var calendar = new Calendar { ProductId = "-//TwoZones//Deadlines//" + FeedLanguage.Code(language).ToUpperInvariant() };
        calendar.AddProperty("X-WR-CALNAME", zh ? "“两区”建设计划节点" : "Two Zones planned dates");
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Shanghai");
        foreach (var record in items)
        {
            var item = record.Item;
            if (item.PlannedCommencement is { } start)
            {
                calendar.Events.Add(Event(record, "commencement", start, item.Status == ItemStatus.Proposed && start < today, item.Status != ItemStatus.Proposed, zh));
            }

            if (item.PlannedCompletion is { } end)
            {
                calendar.Events.Add(Event(record, "completion", end, item.Status != ItemStatus.Completed && end < today, item.Status == ItemStatus.Completed, zh));
            }
        }

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }

    private static CalendarEvent Event(ItemRecord record, string milestone, DateOnly date, bool overdue, bool done, bool zh)
    {
        var item = record.Item;
        var what = milestone == "commencement" ? (zh ? "计划启动" : "planned commencement") : (zh ? "计划完成" : "planned completion");
        var mark = overdue ? (zh ? "【逾期】" : "[OVERDUE] ") : string.Empty;
        var title = zh ? item.TitleZh : item.TitleEn;
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{item.Id}-{milestone}@twozones",
            Summary = $"{mark}{item.Id} {what}{(zh ? "：" : ": ")}{title}",
            Description = zh
                ? $"专项：{item.Programme}；牵头单位：{item.LeadAgency}；当前状态：{FeedLabels.For(DigestLanguage.Zh).StatusName(item.Status)}"
                : $"Programme: {item.Programme}; lead agency: {item.LeadAgency}; status: {item.Status}",
            DtStart = new CalDateTime(date),
            DtEnd = new CalDateTime(date.AddDays(1)),
            // The item's last update, so an unchanged item's events are byte for byte the same on every request.
            DtStamp = new CalDateTime(record.UpdatedAt.UtcDateTime),
            Transparency = "TRANSPARENT",
        };
        calendarEvent.Categories.Add(milestone.ToUpperInvariant());
        if (overdue)
        {
            calendarEvent.Categories.Add("OVERDUE");
        }
        else if (done)
        {
            calendarEvent.Categories.Add("DONE");
        }

        return calendarEvent;
    }
}
