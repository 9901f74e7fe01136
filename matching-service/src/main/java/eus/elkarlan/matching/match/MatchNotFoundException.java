package eus.elkarlan.matching.match;

/** The company is not in the read model (unknown or erased). */
public class MatchNotFoundException extends RuntimeException {

    public MatchNotFoundException(String companyId) {
        super("no company " + companyId);
    }
}
