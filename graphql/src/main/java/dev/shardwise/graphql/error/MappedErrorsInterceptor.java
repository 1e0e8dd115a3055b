package dev.shardwise.graphql.error;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link ErrorMapper} to every call of a {@link MappedErrors} bean. */
@MappedErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class MappedErrorsInterceptor {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            throw ErrorMapper.toApi(e);
        }
    }
}
