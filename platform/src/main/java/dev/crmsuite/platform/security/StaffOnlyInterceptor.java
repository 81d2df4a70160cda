package dev.crmsuite.platform.security;

import io.quarkus.security.ForbiddenException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Enforces {@link StaffOnly}: runs after Quarkus Security checked the operation's scope. */
@StaffOnly
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class StaffOnlyInterceptor {

    private final Callers callers;

    public StaffOnlyInterceptor(Callers callers) {
        this.callers = callers;
    }

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        if (callers.current().map(c -> c.kind() != Caller.Kind.STAFF).orElse(true)) {
            throw new ForbiddenException("staff only");
        }
        return context.proceed();
    }
}
