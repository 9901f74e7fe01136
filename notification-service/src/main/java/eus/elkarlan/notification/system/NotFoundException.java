package eus.elkarlan.notification.system;

/** The object does not exist, or the caller may not know that it does: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
