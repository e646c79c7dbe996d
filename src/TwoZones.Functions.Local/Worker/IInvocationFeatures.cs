namespace Microsoft.Azure.Functions.Worker;

/// <summary>The features of an invocation, one instance per feature type.</summary>
public interface IInvocationFeatures : IEnumerable<KeyValuePair<Type, object>>
{
    /// <summary>Sets the feature of type <typeparamref name="T"/>.</summary>
    /// <param name="instance">The feature.</param>
    void Set<T>(T instance);

    /// <summary>The feature of type <typeparamref name="T"/>, or default when none is set.</summary>
    T? Get<T>();
}
