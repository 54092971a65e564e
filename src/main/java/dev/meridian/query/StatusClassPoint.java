package dev.meridian.query;

import java.time.Instant;

/** Requests per HTTP status class in one time bucket, from {@code http.response.status_code}. */
public record StatusClassPoint(Instant bucketStart, long ok, long clientErrors, long serverErrors) {
}
