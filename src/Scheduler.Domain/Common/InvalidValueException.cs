namespace Scheduler.Domain.Common;

/// <summary>
/// A value that cannot exist was asked for (an infusion of 44 minutes, an empty name).
/// <see cref="Field"/> names the input at fault so that the API can point at it.
/// </summary>
public sealed class InvalidValueException : Exception
{
    public InvalidValueException(string field, string message) : base(message) => Field = field;

    public InvalidValueException() : this("value", "The value is not valid.") { }

    public InvalidValueException(string message) : this("value", message) { }

    public InvalidValueException(string message, Exception innerException) : base(message, innerException) => Field = "value";

    public string Field { get; } = "value";
}
