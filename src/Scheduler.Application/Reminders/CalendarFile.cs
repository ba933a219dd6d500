using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Application.Reminders;

/// <summary>STATUS of a calendar event (RFC 5545 §3.8.1.11, the values a VEVENT may take).</summary>
public enum CalendarEventStatus
{
    Tentative,
    Confirmed,
    Cancelled,
}

/// <summary>
/// One appointment in a calendar file: [<see cref="Start"/>, <see cref="End"/>) is the whole visit
/// (infusion and observation). <see cref="Uid"/> must stay the same for the same session across
/// downloads, so that importing a newer file updates the event instead of adding a second one.
/// </summary>
public sealed record CalendarEvent(string Uid, Instant Start, Instant End, string Summary, string? Location, string? Description,
    CalendarEventStatus Status);

/// <summary>
/// Writes an iCalendar file (RFC 5545) that phones and desktop calendars import: a VCALENDAR
/// (VERSION 2.0, METHOD PUBLISH) with one VEVENT per appointment, times in UTC (so no VTIMEZONE is
/// needed and a daylight-saving day cannot shift them), CRLF line ends, TEXT values escaped (§3.3.11)
/// and content lines folded at 75 octets (§3.1) without splitting a UTF-8 character.
/// </summary>
public static class CalendarFile
{
    public const string ProductId = "-//Infusion Scheduler//Patient link//EN";

    /// <summary>The longest content line, in octets of UTF-8, line break excluded (§3.1).</summary>
    public const int MaxLineOctets = 75;

    public const string MediaType = "text/calendar";

    private static readonly InstantPattern Utc = InstantPattern.Create("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <param name="events">The appointments, written in the order given.</param>
    /// <param name="stamp">DTSTAMP of every event: when the file was made.</param>
    public static string Write(IEnumerable<CalendarEvent> events, Instant stamp)
    {
        var sb = new StringBuilder();
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "VERSION:2.0");
        Line(sb, "PRODID:" + ProductId);
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, "METHOD:PUBLISH");
        foreach (var e in events)
        {
            Line(sb, "BEGIN:VEVENT");
            Line(sb, "UID:" + Escape(e.Uid));
            Line(sb, "DTSTAMP:" + Utc.Format(stamp));
            Line(sb, "DTSTART:" + Utc.Format(e.Start));
            Line(sb, "DTEND:" + Utc.Format(e.End));
            Line(sb, "SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location))
                Line(sb, "LOCATION:" + Escape(e.Location));
            if (!string.IsNullOrWhiteSpace(e.Description))
                Line(sb, "DESCRIPTION:" + Escape(e.Description));
            Line(sb, "STATUS:" + e.Status.ToString().ToUpperInvariant());
            Line(sb, "TRANSP:OPAQUE");
            Line(sb, "END:VEVENT");
        }
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>A TEXT value (§3.3.11): backslash, semicolon and comma escaped, any line break written as \n.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\r':
                    sb.Append(@"\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    break;
                case '\n': sb.Append(@"\n"); break;
                default:
                    // Other control characters are not allowed in TEXT.
                    if (!char.IsControl(c) || c == '\t')
                        sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// A content line folded into pieces of at most 75 octets: every piece after the first starts
    /// with one space (which counts), and a character (or surrogate pair) is never cut in two.
    /// </summary>
    public static string Fold(string line)
    {
        if (Encoding.UTF8.GetByteCount(line) <= MaxLineOctets)
            return line;
        var sb = new StringBuilder(line.Length + line.Length / 60 * 3);
        var octets = 0;
        for (var i = 0; i < line.Length;)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > MaxLineOctets)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(line, i, width);
            octets += size;
            i += width;
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(Fold(line)).Append("\r\n");
}
