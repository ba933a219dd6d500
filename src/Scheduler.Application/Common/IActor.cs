namespace Scheduler.Application.Common;

/// <summary>Who is acting, for the audit trail.</summary>
public interface IActor
{
    string Name { get; }
}
