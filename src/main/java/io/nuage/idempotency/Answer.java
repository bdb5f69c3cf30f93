package io.nuage.idempotency;

/**
 * An answer as it is kept for a key and given again to its retries: its status, Location, ETag, content type and body
 * (text).
 */
public record Answer(int status, String location, String etag, String contentType, String body) {
}
