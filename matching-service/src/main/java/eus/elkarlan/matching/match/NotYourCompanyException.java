package eus.elkarlan.matching.match;

/** A company user asked for another company's matches. */
public class NotYourCompanyException extends RuntimeException {

    public NotYourCompanyException() {
        super("these matches belong to another company");
    }
}
