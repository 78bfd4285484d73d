package dev.stablegan.djl.nn;

import java.lang.reflect.InvocationTargetException;

/** Makes the factories that specs name by class ({@link ImageNetworkFactory}, {@link NetworkFactory}, the regularizers' {@code RegularizerFactory}). */
public final class FactoryClasses {
    private FactoryClasses() {}

    /**
     * An instance of {@code className}, which must implement {@code type} and have a public no-argument constructor.
     *
     * @throws IllegalArgumentException naming the class when it is missing, not a {@code type}, or cannot be made
     */
    public static <T> T instantiate(String className, Class<T> type) {
        return instantiate("network.factory", className, type);
    }

    /** As {@link #instantiate(String, Class)}, naming {@code field} (such as {@code regularizers.custom.factory}) in errors. */
    public static <T> T instantiate(String field, String className, Class<T> type) {
        Class<?> found;
        try {
            found = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(field + ": class " + className + " is not on the class path", e);
        }
        if (!type.isAssignableFrom(found)) {
            throw new IllegalArgumentException(field + ": " + className + " does not implement " + type.getName());
        }
        try {
            return type.cast(found.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(field + ": " + className + " has no public no-argument constructor", e);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalArgumentException(field + ": " + className + " could not be made: " + cause, e);
        }
    }
}
