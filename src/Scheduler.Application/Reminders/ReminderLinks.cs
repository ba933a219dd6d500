using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Scheduler.Domain.Common;
using Scheduler.Domain.Reminders;

namespace Scheduler.Application.Reminders;

/// <summary>
/// The short signed links in reminders: <c>{base}/r/{token}</c>, where the token is a message's
/// random link code (8 characters) followed by the first 48 bits of its HMAC-SHA256 under the
/// clinic installation's key (8 characters). A forged or mistyped token fails the check before
/// anything is looked up; a real one names the message, and through it the session. With the
/// default base "http://localhost:5080" a link is 40 characters, the length the SMS budget allows.
/// </summary>
public sealed class ReminderLinks
{
    public const int CodeLength = 8;
    public const int TokenLength = 16;
    private const int CodeBytes = 6;
    private const int SignatureBytes = 6;
    private readonly byte[] _key;
    private readonly string _base;

    public ReminderLinks(string baseUrl, byte[] key)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The reminder link base '{baseUrl}' is not an http(s) address.", nameof(baseUrl));
        if (key is null || key.Length < 32)
            throw new ArgumentException("The link signing key must be at least 32 bytes.", nameof(key));
        _base = baseUrl.TrimEnd('/') + "/r/";
        _key = key.ToArray();
    }

    /// <summary>The length of every link, for the SMS length check of a policy.</summary>
    public int LinkLength => _base.Length + TokenLength;

    /// <summary>
    /// Refuses, at start-up, a link base so long that the default templates would no longer fit one
    /// SMS (clinics' own policies are checked with the real length when they are saved).
    /// </summary>
    public void EnsureDefaultPolicyFits()
    {
        try
        {
            _ = ReminderPolicyInput.From(ReminderPolicy.Default).ToPolicy(LinkLength);
        }
        catch (InvalidValueException e)
        {
            throw new InvalidOperationException(
                $"Reminder links would be {LinkLength} characters long (Reminders:LinkBaseUrl is '{_base[..^3]}'), too long for the default SMS: {e.Message} Use a shorter address.", e);
        }
    }

    public static string NewCode() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(CodeBytes));

    public string For(string code) => _base + Token(code);

    public string Token(string code) => code + Signature(code);

    /// <summary>The link code in a token, or null when the token is malformed or its signature is wrong.</summary>
    public string? Verify(string? token)
    {
        if (token is null || token.Length != TokenLength)
            return null;
        var code = token[..CodeLength];
        var expected = Encoding.ASCII.GetBytes(Signature(code));
        var given = Encoding.ASCII.GetBytes(token[CodeLength..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? code : null;
    }

    private string Signature(string code)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes("reminder-link:" + code));
        return Base64Url.EncodeToString(mac.AsSpan(0, SignatureBytes));
    }
}
