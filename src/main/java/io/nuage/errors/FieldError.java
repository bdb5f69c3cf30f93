package io.nuage.errors;


/** One invalid field of a request: its JSON path (snake_case) and what is wrong with it. */
public record FieldError(String field, String message) {
}
