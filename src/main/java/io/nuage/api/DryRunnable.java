package io.nuage.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * The writes of a resource class that take {@code ?dry_run=true} ({@link DryRun}). Every class with a POST, PATCH or
 * DELETE carries it; a write outside such a class answers a dry run with 400 rather than carry it out.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface DryRunnable {
}
