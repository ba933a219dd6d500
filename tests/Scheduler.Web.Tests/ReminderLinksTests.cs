using System.Security.Cryptography;
using Scheduler.Application.Reminders;

namespace Scheduler.Web.Tests;

/// <summary>The signed links in reminders: short, and impossible to forge or guess without the key.</summary>
public sealed class ReminderLinksTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Link_WithTheDefaultBase_IsFortyCharacters_TheLengthTheSmsBudgetAllows()
    {
        var links = new ReminderLinks("http://localhost:5080", Key);
        var link = links.For(ReminderLinks.NewCode());

        Assert.Equal(40, link.Length);
        Assert.Equal(links.LinkLength, link.Length);
        Assert.StartsWith("http://localhost:5080/r/", link, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_VerifiesToItsCode()
    {
        var links = new ReminderLinks("https://remind.example.org/", Key);
        var code = ReminderLinks.NewCode();

        Assert.Equal(code, links.Verify(links.Token(code)));
        Assert.Equal(ReminderLinks.CodeLength, code.Length);
    }

    [Fact]
    public void AnyChangedCharacter_OrAnotherKey_FailsTheCheck()
    {
        var links = new ReminderLinks("http://localhost:5080", Key);
        var token = links.Token(ReminderLinks.NewCode());

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token.ToCharArray();
            changed[i] = changed[i] == 'A' ? 'B' : 'A';
            Assert.Null(links.Verify(new string(changed)));
        }
        Assert.Null(new ReminderLinks("http://localhost:5080", RandomNumberGenerator.GetBytes(32)).Verify(token));
        Assert.Null(links.Verify(token[..^1]));
        Assert.Null(links.Verify(token + "A"));
        Assert.Null(links.Verify(null));
    }

    [Fact]
    public void ABaseSoLongThatTheDefaultSmsWouldNotFit_IsRefusedAtStart()
    {
        new ReminderLinks("https://reminders.example.org", Key).EnsureDefaultPolicyFits();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new ReminderLinks("https://appointment-reminders.riverside-infusion.example.org", Key).EnsureDefaultPolicyFits());
        Assert.Contains("too long for the default SMS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortKeyOrNonHttpBase_IsRefusedAtStart()
    {
        Assert.Throws<ArgumentException>(() => new ReminderLinks("http://localhost:5080", new byte[16]));
        Assert.Throws<ArgumentException>(() => new ReminderLinks("ftp://example.org", Key));
        Assert.Throws<ArgumentException>(() => new ReminderLinks("not a url", Key));
    }
}
