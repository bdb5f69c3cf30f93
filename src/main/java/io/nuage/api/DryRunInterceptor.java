package io.nuage.api;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.nuage.db.Transactions;
import io.smallrye.mutiny.Uni;

/**
 * Runs a dry run's resource method inside one transaction that is rolled back ({@link Transactions#together}). The
 * method is called inside, so every statement it assembles joins that transaction.
 */
@DryRunnable
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class DryRunInterceptor {

    private final Transactions transactions;

    DryRunInterceptor(Transactions transactions) {
        this.transactions = transactions;
    }

    @AroundInvoke
    Object around(InvocationContext call) throws Exception {
        if (!DryRun.requested() || !Uni.class.isAssignableFrom(call.getMethod().getReturnType())) {
            return call.proceed();
        }
        return transactions.together(true, () -> {
            try {
                return (Uni<?>) call.proceed();
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            }
        });
    }
}
