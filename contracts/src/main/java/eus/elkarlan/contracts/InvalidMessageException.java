package eus.elkarlan.contracts;

/** A message that breaks its contract: unknown type, malformed body or a missing field. */
public class InvalidMessageException extends RuntimeException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
