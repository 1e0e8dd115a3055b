package dev.shardwise.domains.product.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shardwise.domains.product.api.AppException;
import dev.shardwise.domains.product.api.AppException.Code;

/** The product error a call must end in, for the content service's tests. */
final class AppErrors {

    private AppErrors() {
    }

    static Code code(Runnable call) {
        return error(call).code();
    }

    static AppException error(Runnable call) {
        AppException e = catchThrowableOfType(AppException.class, call::run);
        assertThat(e).as("expected a product error").isNotNull();
        return e;
    }
}
