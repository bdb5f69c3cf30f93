package io.nuage.errors;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * What a conditional write (If-Match) expects of the resource it changes. A store checks it on the resource as it
 * reads it after locking its row, in the write's own transaction: no other change can come between the check and the
 * write, so of two writers naming the same version exactly one passes.
 */
@FunctionalInterface
public interface Precondition<T> {

    /** Throws a {@link NuageError.Kind#PRECONDITION_FAILED} error when {@code current} is not what the request expects. */
    void check(T current);

    /**
     * Checks the resource {@code current} reads; reads it only when there is something to check. No resource (null)
     * passes: the write that finds none answers 404, as it would without a condition.
     */
    default Uni<Void> verify(Supplier<Uni<T>> current) {
        return current.get().onItem().ifNotNull().invoke(this::check).replaceWithVoid();
    }

    /** No condition: the write goes ahead whatever the resource is, and nothing more is read. */
    static <T> Precondition<T> none() {
        return new Precondition<>() {
            @Override
            public void check(T current) {
            }

            @Override
            public Uni<Void> verify(Supplier<Uni<T>> current) {
                return Uni.createFrom().voidItem();
            }
        };
    }
}
