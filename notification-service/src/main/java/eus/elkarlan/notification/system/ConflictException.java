package eus.elkarlan.notification.system;

/** The object is not in a state that allows the action: 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
