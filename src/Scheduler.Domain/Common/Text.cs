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
}
