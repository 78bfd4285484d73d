package dev.stablegan.djl.nn;

import java.lang.reflect.InvocationTargetException;

/** Makes the network factories that specs name by class ({@link ImageNetworkFactory}, {@link NetworkFactory}). */
final class FactoryClasses {
    private FactoryClasses() {}

    /**
     * An instance of {@code className}, which must implement {@code type} and have a public no-argument constructor.
     *
     * @throws IllegalArgumentException naming the class when it is missing, not a {@code type}, or cannot be made
     */
    static <T> T instantiate(String className, Class<T> type) {
        Class<?> found;
        try {
            found = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("network.factory: class " + className + " is not on the class path", e);
        }
        if (!type.isAssignableFrom(found)) {
            throw new IllegalArgumentException("network.factory: " + className + " does not implement " + type.getName());
        }
        try {
            return type.cast(found.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("network.factory: " + className + " has no public no-argument constructor", e);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalArgumentException("network.factory: " + className + " could not be made: " + cause, e);
        }
    }
}
