package dev.crmsuite.platform.security;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A back-office operation (merge, erasure, configuration, aggregates over every customer): partners
 * get 403 even when their key holds the scope. Goes beside the operation's
 * {@code @RolesAllowed(Scopes.X)}, which still decides which staff may call it.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StaffOnly {
    /** Why partners may not do this, for the documentation (optional). */
    @Nonbinding String value() default "";
}
