using Scheduler.Domain.Common;

namespace Scheduler.Domain.Reminders;

/// <summary>
/// Words a clinic never wants in a message or sender name (drug names, diagnoses), matched
/// case-insensitively anywhere in the text: "ketamine" also catches "Esketamine" and
/// "KetamineCare". Pick words that are not part of ordinary ones.
/// </summary>
public sealed class ForbiddenWords
{
    public const int MaxWords = 100;
    public const int MaxWordLength = 50;

    public ForbiddenWords(IEnumerable<string> words)
    {
        var list = words.Select(w => Text.Required(w, "forbiddenWords", MaxWordLength))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (list.Count > MaxWords)
            throw new InvalidValueException("forbiddenWords", $"At most {MaxWords} forbidden words, not {list.Count}.");
        Words = list;
    }

    /// <summary>A starting list for the clinics this is built for; a clinic replaces it with its own.</summary>
    public static ForbiddenWords Default { get; } = new(["ketamine", "esketamine", "Spravato"]);

    public static ForbiddenWords None { get; } = new([]);

    public IReadOnlyList<string> Words { get; }

    /// <summary>The first forbidden word found in <paramref name="text"/>, or null.</summary>
    public string? FindIn(string text) =>
        Words.FirstOrDefault(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws when <paramref name="text"/> holds a forbidden word.</summary>
    public void Guard(string text, string field)
    {
        if (FindIn(text) is { } word)
            throw new InvalidValueException(field,
                $"{field} contains \"{word}\", which the clinic does not allow in messages: a message must not reveal the treatment.");
    }
}
