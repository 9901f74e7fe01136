package eus.elkarlan.matching.system;

/** A request parameter with a wrong value: 400 with the field named. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
