namespace Scheduler.Domain.Common;

/// <summary>Checks for the free-text fields people type (names, reasons).</summary>
public static class Text
{
    public const int NameMaxLength = 200;
    public const int ReasonMaxLength = 500;

    /// <summary>Trimmed, non-empty and at most <paramref name="maxLength"/> characters.</summary>
    public static string Required(string? value, string field, int maxLength = NameMaxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new InvalidValueException(field, $"{field} is required.");
        if (trimmed.Length > maxLength)
            throw new InvalidValueException(field, $"{field} is {trimmed.Length} characters long; at most {maxLength} are allowed.");
        if (trimmed.Any(char.IsControl))
            throw new InvalidValueException(field, $"{field} contains control characters.");
        return trimmed;
    }

    /// <summary>Like <see cref="Required"/> but null or blank gives null.</summary>
    public static string? Optional(string? value, string field, int maxLength = NameMaxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Required(value, field, maxLength);

    /// <summary>
    /// Several lines of text (instructions): trimmed, line ends made "\n", no other control
    /// characters, at most <paramref name="maxLength"/> characters; null or blank gives null.
    /// </summary>
    public static string? OptionalLines(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (lines.Length > maxLength)
            throw new InvalidValueException(field, $"{field} is {lines.Length} characters long; at most {maxLength} are allowed.");
        if (lines.Any(c => char.IsControl(c) && c != '\n'))
            throw new InvalidValueException(field, $"{field} contains control characters.");
        return lines;
    }
}
