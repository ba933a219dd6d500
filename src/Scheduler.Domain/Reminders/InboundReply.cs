using System.Text;

namespace Scheduler.Domain.Reminders;

public enum ReplyIntent
{
    Unknown,

    /// <summary>"C" or "YES": confirms the patient's next session.</summary>
    Confirm,

    /// <summary>An opt-out keyword: the number is opted out of SMS at once.</summary>
    OptOut,

    /// <summary>"START" or "UNSTOP": a number that opted out gets SMS again.</summary>
    OptIn,
}

/// <summary>
/// Reads an inbound SMS. Only a whole message counts ("stop" yes, "please stop calling" no), in
/// any case, with surrounding spaces and trailing punctuation ignored. CANCEL opts out of SMS, as
/// carriers treat it; cancelling a session is done by the link in the message, never by a reply.
/// STOPALL and OPTOUT are honoured too: carriers treat them as opt-outs, and honouring one more
/// opt-out is always the safe side. START and UNSTOP undo an opt-out, as carriers treat them.
/// </summary>
public static class InboundReply
{
    private static readonly HashSet<string> ConfirmWords = new(StringComparer.Ordinal) { "C", "YES" };

    private static readonly HashSet<string> OptOutWords = new(StringComparer.Ordinal)
    {
        "STOP", "QUIT", "END", "REVOKE", "OPT OUT", "CANCEL", "UNSUBSCRIBE", "STOPALL", "OPTOUT",
    };

    private static readonly HashSet<string> OptInWords = new(StringComparer.Ordinal) { "START", "UNSTOP" };

    public static ReplyIntent Classify(string? body)
    {
        var words = Normalise(body ?? "");
        if (OptOutWords.Contains(words))
            return ReplyIntent.OptOut;
        if (OptInWords.Contains(words))
            return ReplyIntent.OptIn;
        if (ConfirmWords.Contains(words))
            return ReplyIntent.Confirm;
        return ReplyIntent.Unknown;
    }

    /// <summary>Upper case, trailing punctuation dropped, runs of white space made one space.</summary>
    private static string Normalise(string body)
    {
        var trimmed = body.Trim().TrimEnd(".,!?;:".ToCharArray()).TrimEnd();
        var sb = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0)
                sb.Append(' ');
            space = false;
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
