package io.nuage.api;

import java.util.List;
import io.nuage.errors.NuageError;
import io.nuage.errors.FieldError;

/** Answers shared by every resource for requests that cannot be read at all. */
final class Requests {

    private Requests() {
    }

    static NuageError missingBody() {
        return NuageError.invalid("missing_body", "This request needs a JSON body",
                List.of(new FieldError("body", "is required")));
    }

    /** An empty body arrives as null: answer 422 missing_body rather than fail on it later. */
    static void requireBody(Object body) {
        if (body == null) {
            throw missingBody();
        }
    }
}
