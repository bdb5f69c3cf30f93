-- A retry gets the first answer's ETag too: a client that goes on with If-Match needs it whichever answer it got.
ALTER TABLE idempotency_keys ADD COLUMN etag text;
