using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Clinics;
using Scheduler.Domain.Common;

namespace Scheduler.Application.Common;

/// <summary>Reads the text forms the API accepts; anything else is an <see cref="InvalidValueException"/> naming the field.</summary>
public static class Parse
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.Create("HH:mm", CultureInfo.InvariantCulture);
    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.Create("uuuu'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture);
    private static readonly OffsetDateTimePattern OffsetPattern = OffsetDateTimePattern.Create("uuuu'-'MM'-'dd'T'HH':'mmo<G>", CultureInfo.InvariantCulture, default);
    private static readonly InstantPattern InstantIso = InstantPattern.ExtendedIso;

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new InvalidValueException(field, $"{field} is required.");

    public static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new InvalidValueException(field, $"{field} is required.");

    public static Guid Id(Guid? value, string field) =>
        value is { } id && id != Guid.Empty ? id : throw new InvalidValueException(field, $"{field} is required.");

    public static LocalDate Date(string? text, string field)
    {
        var result = DatePattern.Parse(text ?? "");
        return result.Success ? result.Value : throw new InvalidValueException(field, $"{field} must be a date like 2027-01-14, not '{Shorten(text)}'.");
    }

    public static LocalTime Time(string? text, string field)
    {
        var result = TimePattern.Parse(text ?? "");
        return result.Success ? result.Value : throw new InvalidValueException(field, $"{field} must be a time like 09:30, not '{Shorten(text)}'.");
    }

    public static DateTimeZone Zone(string? id, string field = "timeZone") =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id ?? "")
        ?? throw new InvalidValueException(field, $"'{Shorten(id)}' is not an IANA time zone (for example America/New_York).");

    public static IsoDayOfWeek Weekday(string? text, string field) =>
        Enum.TryParse<IsoDayOfWeek>(text, ignoreCase: true, out var day) && day != IsoDayOfWeek.None && Enum.IsDefined(day) && !int.TryParse(text, out _)
            ? day
            : throw new InvalidValueException(field, $"'{Shorten(text)}' is not a weekday (monday … sunday).");

    public static IReadOnlyList<IsoDayOfWeek> Weekdays(IEnumerable<string>? texts, string field) =>
        (texts ?? []).Select(t => Weekday(t, field)).ToArray();

    public static Instant Instant(string? text, string field)
    {
        var result = InstantIso.Parse(text ?? "");
        if (result.Success)
            return result.Value;
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text ?? "");
        return offset.Success
            ? offset.Value.ToInstant()
            : throw new InvalidValueException(field, $"{field} must be a moment like 2027-01-14T09:00:00Z or 2027-01-14T09:00-05:00, not '{Shorten(text)}'.");
    }

    /// <summary>
    /// A clinic wall-clock time, "2027-01-14T09:00", optionally with the offset that picks one of
    /// the two readings of an hour that happens twice ("2026-11-01T01:30-05:00").
    /// </summary>
    public static Instant ClinicLocal(string? text, DateTimeZone zone, string field)
    {
        var local = LocalPattern.Parse(text ?? "");
        if (local.Success)
            return ClinicTime.Resolve(zone, local.Value, null, field);
        var withOffset = OffsetPattern.Parse(text ?? "");
        if (withOffset.Success)
            return ClinicTime.Resolve(zone, withOffset.Value.LocalDateTime, withOffset.Value.Offset, field);
        throw new InvalidValueException(field, $"{field} must be a clinic-local time like 2027-01-14T09:00 (an offset may follow), not '{Shorten(text)}'.");
    }

    /// <summary>A clinic-local time as in <see cref="ClinicLocal"/>, or an absolute moment (…Z, or with seconds and an offset).</summary>
    public static Instant Moment(string? text, DateTimeZone zone, string field)
    {
        if (LocalPattern.Parse(text ?? "").Success || OffsetPattern.Parse(text ?? "").Success)
            return ClinicLocal(text, zone, field);
        if (InstantIso.Parse(text ?? "").Success || OffsetDateTimePattern.ExtendedIso.Parse(text ?? "").Success)
            return Instant(text, field);
        throw new InvalidValueException(field, $"{field} must be a clinic-local time like 2027-01-14T09:00 or a moment like 2027-01-14T14:00:00Z, not '{Shorten(text)}'.");
    }

    /// <summary>An enum value by its API name ("frontDesk"), case-insensitive; numbers are refused.</summary>
    public static T Named<T>(string? text, string field) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new InvalidValueException(field, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");

    public static int Minutes(int? value, int @default, string field, int min, int max)
    {
        var minutes = value ?? @default;
        return minutes < min || minutes > max
            ? throw new InvalidValueException(field, $"{field} must be from {min} to {max} minutes, not {minutes}.")
            : minutes;
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;
}
