package io.nuage.platform;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * The first step of an orderly shutdown: no scheduled job (resync, metrics) starts once it began. Quarkus stops its
 * scheduler only when it destroys the beans, after it has closed the database pools, so a job started in between
 * failed on a closed pool. Then the reconciler stops, the ledger writes its queue, the pools close, and the embedded
 * PostgreSQL stops last.
 */
@Singleton
class ScheduledJobsAtShutdown {

    void pause(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event, Scheduler scheduler) {
        scheduler.pause();
    }
}
