using System.Text;
using System.Text.Json;
using Quartz;
using Scheduler.Application.Background;

namespace Scheduler.Web.Jobs;

/// <summary>
/// Wires <see cref="IBackgroundWork"/> to Quartz (<see cref="QuartzBackgroundWork"/>, run by
/// <see cref="RunWorkJob"/>) and registers the handlers of each kind of work.
/// <see cref="QuartzSetup.AddBackgroundJobs"/> calls <see cref="AddBackgroundWork"/>; each feature adds its
/// own kinds with <see cref="AddWorkHandler{TWork, THandler}"/>.
/// </summary>
public static class BackgroundWorkSetup
{
    /// <summary>
    /// Registers <see cref="IBackgroundWork"/> (a singleton) with its retry policy from the
    /// <c>Background</c> section: <c>MaxRetries</c> (default 5, 0 for none) retries after the first
    /// failure, the first <c>FirstRetrySeconds</c> (default 10) after it, each wait twice the one before,
    /// never more than 10 minutes.
    /// </summary>
    public static IServiceCollection AddBackgroundWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Background").Get<BackgroundWorkOptions>() ?? new BackgroundWorkOptions());
        services.AddSingleton<WorkKinds>();
        services.AddSingleton<IBackgroundWork, QuartzBackgroundWork>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="THandler"/> (scoped) for work of type <typeparamref name="TWork"/>,
    /// under <paramref name="kind"/>: the name stored with every waiting piece of work of this type and
    /// written to the job history. Default: the type's name without a trailing "Work", in kebab case
    /// (<c>RebookWork</c> is "rebook"). Renaming the type changes that default, and work still waiting
    /// under the old name would then fail: give a kind explicitly once work of the type is in production.
    /// </summary>
    public static IServiceCollection AddWorkHandler<TWork, THandler>(this IServiceCollection services, string? kind = null)
        where TWork : notnull
        where THandler : class, IWorkHandler<TWork>
    {
        services.AddScoped<IWorkHandler<TWork>, THandler>();
        services.AddSingleton(new WorkKind(
            kind ?? WorkKind.DefaultName(typeof(TWork)),
            typeof(TWork),
            (provider, work, context, ct) => provider.GetRequiredService<IWorkHandler<TWork>>().Run((TWork)work, context, ct)));
        return services;
    }
}

/// <summary>The <c>Background</c> settings.</summary>
public sealed class BackgroundWorkOptions
{
    /// <summary>The longest wait between two attempts, whatever the factor makes of the first.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first failure (so at most 1 + this many attempts); 0 for none.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Seconds between the first failure and the first retry; each later wait doubles.</summary>
    public double FirstRetrySeconds { get; set; } = 10;

    public RetryPolicy RetryPolicy()
    {
        if (MaxRetries <= 0)
            return Quartz.RetryPolicy.None;
        var first = TimeSpan.FromSeconds(Math.Max(0, FirstRetrySeconds));
        // Quartz refuses a ceiling below the first wait.
        return Quartz.RetryPolicy.Exponential(MaxRetries, first, 2, first > MaxRetryDelay ? first : MaxRetryDelay);
    }
}

/// <summary>One kind of background work: its stored name, its type and how to hand it to its handler.</summary>
public sealed class WorkKind(string name, Type workType, Func<IServiceProvider, object, WorkContext, CancellationToken, Task<string>> run)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name { get; } = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A kind of work needs a name.", nameof(name)) : name;
    public Type WorkType { get; } = workType;

    public string Write(object work) => JsonSerializer.Serialize(work, WorkType, Json);

    public object Read(string json) =>
        JsonSerializer.Deserialize(json, WorkType, Json) ?? throw new JsonException($"The stored {Name} work is null.");

    /// <summary>Runs <paramref name="work"/> with the handler resolved from <paramref name="services"/>; returns its summary.</summary>
    public Task<string> Run(IServiceProvider services, object work, WorkContext context, CancellationToken ct) => run(services, work, context, ct);

    /// <summary>"RebookWork" → "rebook", "SendSeriesLetterWork" → "send-series-letter".</summary>
    public static string DefaultName(Type workType)
    {
        var name = workType.Name;
        if (name.Length > "Work".Length && name.EndsWith("Work", StringComparison.Ordinal))
            name = name[..^"Work".Length];
        var kebab = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
                kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(name[i]));
        }
        return kebab.ToString();
    }
}

/// <summary>Every registered <see cref="WorkKind"/>, by name (what a stored job names) and by type (what a caller enqueues).</summary>
public sealed class WorkKinds
{
    private readonly Dictionary<string, WorkKind> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, WorkKind> _byType = [];

    public WorkKinds(IEnumerable<WorkKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (_byName.TryGetValue(kind.Name, out var named) && named.WorkType != kind.WorkType)
                throw new InvalidOperationException($"Work kind '{kind.Name}' is registered for both {named.WorkType} and {kind.WorkType}.");
            if (_byType.TryGetValue(kind.WorkType, out var typed) && typed.Name != kind.Name)
                throw new InvalidOperationException($"{kind.WorkType} is registered as work kind '{typed.Name}' and as '{kind.Name}'.");
            _byName[kind.Name] = kind;
            _byType[kind.WorkType] = kind;
        }
    }

    public WorkKind? Named(string name) => _byName.GetValueOrDefault(name);

    public WorkKind For(Type workType) =>
        _byType.GetValueOrDefault(workType)
        ?? throw new InvalidOperationException($"No handler is registered for {workType}: call services.AddWorkHandler<{workType.Name}, THandler>().");
}
