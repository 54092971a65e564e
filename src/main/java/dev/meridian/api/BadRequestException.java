package dev.meridian.api;

/** A request parameter that is missing or malformed; answered with 400 and the message. */
class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
