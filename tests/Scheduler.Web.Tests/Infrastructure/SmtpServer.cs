using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Scheduler.Web.Tests.Infrastructure;

/// <summary>One message the <see cref="SmtpServer"/> accepted, as its parser read it.</summary>
/// <param name="MailFrom">The envelope sender (MAIL FROM).</param>
/// <param name="RcptTo">The envelope recipients (RCPT TO) that were accepted.</param>
/// <param name="From">The From header as written (<c>Name &lt;address&gt;</c>).</param>
/// <param name="FromName">The display name of the From header.</param>
/// <param name="FromAddress">The address of the From header.</param>
/// <param name="To">The To header.</param>
/// <param name="Subject">The Subject header, decoded.</param>
/// <param name="MessageId">The Message-ID header, angle brackets included.</param>
/// <param name="ContentType">The MIME type of the body part (text/plain for a plain message).</param>
/// <param name="Charset">The charset of the body part.</param>
/// <param name="Body">The body, decoded from its transfer encoding and charset.</param>
public sealed record ReceivedMail(
    string MailFrom, IReadOnlyList<string> RcptTo, string From, string FromName, string FromAddress, string To,
    string Subject, string MessageId, string ContentType, string? Charset, string Body);

/// <summary>
/// A real SMTP server for the tests: aiosmtpd (Debian's python3-aiosmtpd, which tests/run.sh installs)
/// in a child process on a free loopback port. It writes each accepted message as a JSON line to a
/// file the test reads, and it can be told to refuse recipients with a reply code (451 to try later,
/// 550 for good), always or for the next few attempts. The process ends on dispose, or by itself
/// when the test process goes (it exits when its standard input closes).
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Script = """
        import asyncio, json, sys
        from email import message_from_bytes
        from email.policy import default as default_policy
        from aiosmtpd.smtp import SMTP

        messages_path, rules_path = sys.argv[1], sys.argv[2]

        class Handler:
            def __init__(self):
                self.used = {}

            def refusal(self, address):
                try:
                    with open(rules_path, encoding='utf-8') as f:
                        rules = json.load(f)
                except FileNotFoundError:
                    return None
                for rule in rules:
                    if rule['contains'].lower() not in address.lower():
                        continue
                    used = self.used.get(rule['id'], 0)
                    if rule['times'] is not None and used >= rule['times']:
                        continue
                    self.used[rule['id']] = used + 1
                    return f"{rule['code']} {rule['text']}"
                return None

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                refusal = self.refusal(address)
                if refusal is not None:
                    return refusal
                envelope.rcpt_tos.append(address)
                return '250 OK'

            async def handle_DATA(self, server, session, envelope):
                msg = message_from_bytes(envelope.original_content or envelope.content, policy=default_policy)
                body = msg.get_body(preferencelist=('plain', 'html'))
                sender = msg['From'].addresses[0] if msg['From'] is not None else None
                record = {
                    'mailFrom': envelope.mail_from,
                    'rcptTo': list(envelope.rcpt_tos),
                    'from': str(msg['From'] or ''),
                    'fromName': sender.display_name if sender else '',
                    'fromAddress': sender.addr_spec if sender else '',
                    'to': str(msg['To'] or ''),
                    'subject': str(msg['Subject'] or ''),
                    'messageId': str(msg['Message-ID'] or ''),
                    'contentType': body.get_content_type() if body is not None else '',
                    'charset': body.get_content_charset() if body is not None else None,
                    'body': body.get_content() if body is not None else '',
                }
                with open(messages_path, 'a', encoding='utf-8') as f:
                    f.write(json.dumps(record) + '\n')
                return '250 Message accepted for delivery'

        async def main():
            loop = asyncio.get_running_loop()
            handler = Handler()
            # A fixed host name: the default asks DNS for this machine's name, which can take seconds.
            server = await loop.create_server(lambda: SMTP(handler, hostname='smtp.test'), '127.0.0.1', 0)
            print('PORT', server.sockets[0].getsockname()[1], flush=True)
            await loop.run_in_executor(None, sys.stdin.read)
            server.close()

        asyncio.run(main())
        """;

    /// <summary>The address the app is configured to send from by <see cref="Configure"/>.</summary>
    public const string FromAddress = "reminders@clinic.example";

    private static readonly Lazy<string> Python = new(FindPython);

    private readonly Process _process;
    private readonly string _directory;
    private readonly string _messagesPath;
    private readonly string _rulesPath;
    private readonly StringBuilder _errors;
    private readonly List<object> _rules = [];
    private readonly Lock _lock = new();

    private SmtpServer(Process process, string directory, int port, StringBuilder errors)
    {
        _process = process;
        _errors = errors;
        _directory = directory;
        _messagesPath = Path.Combine(directory, "messages.jsonl");
        _rulesPath = Path.Combine(directory, "rules.json");
        Port = port;
    }

    public int Port { get; }

    /// <summary>What the server wrote to standard error (Python tracebacks), for a failing test's message.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
                return _errors.ToString();
        }
    }

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            if (!File.Exists(_messagesPath))
                return [];
            // Complete lines only: the server may be writing the last one.
            var text = File.ReadAllText(_messagesPath);
            return text[..(text.LastIndexOf('\n') + 1)]
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<ReceivedMail>(line, SchedulerApp.Json)!)
                .ToList();
        }
    }

    /// <summary>Starts a server and returns once it accepts connections.</summary>
    public static async Task<SmtpServer> Start()
    {
        var directory = Path.Combine(Path.GetTempPath(), "scheduler-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "server.py");
        await File.WriteAllTextAsync(script, Script);
        var info = new ProcessStartInfo(Python.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-u", script, Path.Combine(directory, "messages.jsonl"), Path.Combine(directory, "rules.json") })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python.Value}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
                errors.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (first is null || !first.StartsWith("PORT ", StringComparison.Ordinal))
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
                string stderr;
                lock (errors)
                    stderr = errors.ToString();
                throw new InvalidOperationException($"The SMTP server did not start (said '{first}'): {stderr}");
            }
            var port = int.Parse(first["PORT ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            await WaitUntilAccepting(port);
            return new SmtpServer(process, directory, port, errors);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The app settings that send email reminders here, from <see cref="FromAddress"/>.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Reminders:Email:Provider"] = "smtp";
        settings["Reminders:Email:Host"] = "127.0.0.1";
        settings["Reminders:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Reminders:Email:FromAddress"] = FromAddress;
        settings["Reminders:Email:TimeoutSeconds"] = "10";
    }

    /// <summary>
    /// Answers RCPT TO for recipients containing <paramref name="recipientContains"/> with
    /// <paramref name="code"/> and <paramref name="text"/>: the next <paramref name="times"/> times, or always when null.
    /// </summary>
    public void Refuse(string recipientContains, int code, string text, int? times = null)
    {
        lock (_lock)
        {
            _rules.Add(new { id = Guid.NewGuid().ToString("N"), contains = recipientContains, code, text, times });
            var temporary = _rulesPath + ".new";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_rules));
            File.Move(temporary, _rulesPath, overwrite: true);
        }
    }

    /// <summary>Waits until an accepted message matches, reading the server's file every few milliseconds.</summary>
    public async Task<ReceivedMail> WaitFor(Func<ReceivedMail, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Messages.FirstOrDefault(match) is { } found)
                return found;
            if (cts.IsCancellationRequested)
                throw new TimeoutException($"No matching message arrived; the server has {Messages.Count}. {Errors}");
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task WaitUntilAccepting(int port)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, cts.Token);
                return;
            }
            catch (SocketException) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(20, cts.Token);
            }
        }
    }

    /// <summary>
    /// The first Python 3 that can import aiosmtpd: <c>SCHEDULER_TEST_PYTHON</c> when set, then the one
    /// on the PATH, then Debian's (the PATH may lead to a pyenv or venv one without Debian's modules).
    /// </summary>
    private static string FindPython()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("SCHEDULER_TEST_PYTHON"), "python3", "/usr/bin/python3" };
        foreach (var candidate in candidates.OfType<string>().Where(c => c.Length > 0))
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import aiosmtpd"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (probe is null)
                    continue;
                probe.WaitForExit(30_000);
                if (probe.HasExited && probe.ExitCode == 0)
                    return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }
        throw new InvalidOperationException("No python3 with aiosmtpd found; install python3-aiosmtpd (tests/run.sh does).");
    }
}
