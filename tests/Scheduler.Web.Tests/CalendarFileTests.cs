using System.Text;
using NodaTime;
using Scheduler.Application.Reminders;

namespace Scheduler.Web.Tests;

/// <summary>The iCalendar writer (RFC 5545): structure, UTC times, TEXT escaping, folding at 75 octets.</summary>
public sealed class CalendarFileTests
{
    private static readonly Instant Stamp = Instant.FromUtc(2026, 11, 23, 12, 0);

    [Fact]
    public void Write_GivesOneVeventPerAppointment_InsideAPublishedVcalendar_WithCrlfLineEnds()
    {
        var text = CalendarFile.Write([Event("a@x", Instant.FromUtc(2026, 12, 8, 15, 0), 105), Event("b@x", Instant.FromUtc(2026, 12, 10, 15, 0), 105)], Stamp);

        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Equal(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + CalendarFile.ProductId], lines[..3]);
        Assert.Contains("METHOD:PUBLISH", lines);
        Assert.Equal("END:VCALENDAR", lines[^2]);
        Assert.Equal(2, lines.Count(l => l == "BEGIN:VEVENT"));
        Assert.Equal(2, lines.Count(l => l == "END:VEVENT"));
        Assert.Contains("UID:a@x", lines);
        Assert.Contains("DTSTAMP:20261123T120000Z", lines);
        Assert.Contains("DTSTART:20261208T150000Z", lines);
        Assert.Contains("DTEND:20261208T164500Z", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
    }

    [Fact]
    public void Write_OnTheDayTheClocksGoBack_KeepsTheWallClockTimeThroughUtc()
    {
        // Sun 1 Nov 2026 in New York: the clocks go back at 02:00 (EDT -4 → EST -5); a 10:00 visit is 15:00 UTC.
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var start = new LocalDateTime(2026, 11, 1, 10, 0).InZoneStrictly(zone).ToInstant();
        var dayBefore = new LocalDateTime(2026, 10, 31, 10, 0).InZoneStrictly(zone).ToInstant();

        var text = CalendarFile.Write([Event("before@x", dayBefore, 105), Event("dst@x", start, 105)], Stamp);

        Assert.Contains("DTSTART:20261031T140000Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261101T150000Z\r\nDTEND:20261101T164500Z\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VTIMEZONE", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a;b", @"a\;b")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("line 1\nline 2", @"line 1\nline 2")]
    [InlineData("line 1\r\nline 2\rline 3", @"line 1\nline 2\nline 3")]
    [InlineData("Fast 4 h; clear fluids, until 2 h\\before", @"Fast 4 h\; clear fluids\, until 2 h\\before")]
    public void Escape_EscapesTextAsRfc5545Says(string text, string escaped) => Assert.Equal(escaped, CalendarFile.Escape(text));

    [Fact]
    public void Write_FoldsLongLines_At75Octets_WithoutSplittingAUtf8Character()
    {
        var description = string.Concat(Enumerable.Repeat("Café – fasting é 😀 ", 20));
        var text = CalendarFile.Write([Event("u@x", Stamp, 60) with { Description = description }], Stamp);

        var lines = text.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)} octets: {l}"));
        Assert.All(lines, l => Assert.DoesNotContain('\uFFFD', l));
        Assert.All(lines, l => Assert.False(char.IsHighSurrogate(l[^1]), "a surrogate pair cut at the fold"));
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:" + description.Replace(",", "\\,", StringComparison.Ordinal) + "\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith(' '));
    }

    [Fact]
    public void Fold_LeavesA75OctetLineAlone_AndFoldsA76OctetOne()
    {
        var exact = new string('x', 75);
        var over = new string('x', 76);

        Assert.Equal(exact, CalendarFile.Fold(exact));
        Assert.Equal(new string('x', 75) + "\r\n x", CalendarFile.Fold(over));
    }

    private static CalendarEvent Event(string uid, Instant start, int minutes) =>
        new(uid, start, start + Duration.FromMinutes(minutes), "Appointment: Clinic reminders", "Clinic reminders", "Bring a driver.", CalendarEventStatus.Confirmed);
}
