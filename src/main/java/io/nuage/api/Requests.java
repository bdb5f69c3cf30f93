package io.nuage.api;

import java.util.List;

/** Answers shared by every resource for requests that cannot be read at all. */
final class Requests {

    private Requests() {
    }

    static ApiException missingBody() {
        return ApiException.badRequest("missing_body", "This request needs a JSON body",
                List.of(new FieldError("body", "is required")));
    }
}
