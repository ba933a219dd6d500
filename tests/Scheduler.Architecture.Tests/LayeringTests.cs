using System.Reflection;
using Scheduler.Application.Common;
using Scheduler.Domain.Clinics;
using Scheduler.Infrastructure.Persistence;

namespace Scheduler.Architecture.Tests;

/// <summary>The folders tell the architecture; these tests keep it honest.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(Clinic).Assembly;
    private static readonly Assembly Application = typeof(ISchedulerStore).Assembly;

    [Fact]
    public void Domain_DependsOnNodaTimeAndNothingElse()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var foreign = references.Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard" && n != "NodaTime").ToList();

        Assert.Empty(foreign);
        Assert.Contains("NodaTime", references);
    }

    [Fact]
    public void Application_KnowsNeitherEfCoreNorAspNetCore()
    {
        var references = Application.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Scheduler.Infrastructure", StringComparison.Ordinal));
    }

    [Fact]
    public void Domain_UsesNodaTimeNotBclDateTypes()
    {
        var bcl = new[] { typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(DateTime?), typeof(DateTimeOffset?), typeof(TimeSpan?) };
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offenders = Domain.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Scheduler.Domain", StringComparison.Ordinal) == true
                && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(all).Select(f => (t, Name: f.Name, Type: f.FieldType))
                .Concat(t.GetProperties(all).Select(p => (t, Name: p.Name, Type: p.PropertyType)))
                .Concat(t.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => (t, Name: $"{m.Name}({p.Name})", Type: p.ParameterType)))))
            .Where(x => bcl.Contains(x.Type))
            .Select(x => $"{x.t.FullName}.{x.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void DomainEntities_HaveNoPublicSetters()
    {
        var offenders = Domain.GetTypes()
            .Where(t => t.IsClass && t.IsPublic && !typeof(Exception).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && !p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
                .Select(p => $"{t.Name}.{p.Name}"))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void EfMapping_LivesInInfrastructure()
    {
        Assert.Equal("Scheduler.Infrastructure", typeof(SchedulerDbContext).Assembly.GetName().Name);
        Assert.DoesNotContain(Domain.GetTypes(), t => t.GetCustomAttributes().Any(a => a.GetType().Namespace?.StartsWith("System.ComponentModel.DataAnnotations", StringComparison.Ordinal) == true));
    }
}
