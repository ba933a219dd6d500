using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Scheduler.Application.Reminders;

namespace Scheduler.Infrastructure.Delivery;

/// <summary>
/// Builds <see cref="ReminderLinks"/> from configuration: <c>Reminders:LinkBaseUrl</c> (the address
/// patients reach the app at) and the signing key, either <c>Reminders:LinkKey</c> (base64, at least
/// 32 bytes) or a key file (<c>Reminders:LinkKeyFile</c>, default <c>data/link-signing.key</c>) made
/// with a fresh random key the first time. There is no built-in key: links signed here cannot be
/// forged with a key anyone else knows.
/// </summary>
public static class LinkKey
{
    public const string DefaultBaseUrl = "http://localhost:5080";
    public const string DefaultKeyFile = "data/link-signing.key";

    public static ReminderLinks Links(IConfiguration configuration) =>
        new(configuration["Reminders:LinkBaseUrl"] is { Length: > 0 } url ? url : DefaultBaseUrl, Load(configuration));

    public static byte[] Load(IConfiguration configuration)
    {
        if (configuration["Reminders:LinkKey"] is { Length: > 0 } configured)
        {
            var key = new byte[configured.Length];
            if (!Convert.TryFromBase64String(configured, key, out var length))
                throw new InvalidOperationException("Reminders:LinkKey is not base64.");
            return length >= 32 ? key[..length] : throw new InvalidOperationException("Reminders:LinkKey must hold at least 32 bytes.");
        }
        var path = Path.GetFullPath(configuration["Reminders:LinkKeyFile"] is { Length: > 0 } file ? file : DefaultKeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                created.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Select(c => (byte)c).ToArray());
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
        }
        var text = File.ReadAllText(path).Trim();
        var bytes = Convert.FromBase64String(text);
        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"The link key in {path} must hold at least 32 bytes.");
    }
}
