namespace Scheduler.Domain.Reminders;

/// <summary>
/// How long a text is as one SMS. Text in the GSM 03.38 alphabet is sent 7-bit: 160 units, the
/// extension characters (such as [ ] { } € ~) taking two each. Any other character (a curly quote,
/// an emoji, "í") makes the whole message UCS-2, and then one SMS holds only 70.
/// </summary>
public static class SmsText
{
    public const int GsmSingleLimit = 160;
    public const int UnicodeSingleLimit = 70;

    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string GsmExtension = "\f^{}\\[~]|€";

    /// <summary>The length in SMS units, and whether the text needs UCS-2.</summary>
    public static (int Units, bool Unicode) Measure(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            if (GsmBasic.Contains(c, StringComparison.Ordinal))
                units += 1;
            else if (GsmExtension.Contains(c, StringComparison.Ordinal))
                units += 2;
            else
                return (text.Length, true);
        }
        return (units, false);
    }

    /// <summary>Whether <paramref name="text"/> fits in one SMS.</summary>
    public static bool FitsOneSms(string text)
    {
        var (units, unicode) = Measure(text);
        return units <= (unicode ? UnicodeSingleLimit : GsmSingleLimit);
    }
}
