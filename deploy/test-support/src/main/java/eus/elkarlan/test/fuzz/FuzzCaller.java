package eus.elkarlan.test.fuzz;

import java.util.function.Supplier;

/**
 * Who sends a fuzzed request: a bearer token (or none) and whether this caller is an outsider to
 * the fixtures' private data.
 *
 * @param name     how the summary names it ({@code owner}, {@code other-company}, …)
 * @param tokens   gives the bearer token of each request ({@code null} tokens: anonymous); a supplier
 *                 so that a caller may be somebody new on every request (a company user without a
 *                 company, for a registration)
 * @param outsider {@code true} for callers that must never see the fixtures' secrets (another
 *                 company, a partner, nobody); such callers also get every operation's valid request
 *                 unchanged, since it must be refused or harmless for them. An insider (the owner, the
 *                 organizer) is the actor that gets past the role and object checks to the validation.
 */
public record FuzzCaller(String name, Supplier<String> tokens, boolean outsider) {

    /** A caller allowed to act on the fixtures: mutations reach validation through it. */
    public static FuzzCaller insider(String name, String token) {
        return new FuzzCaller(name, () -> token, false);
    }

    /** An insider that is somebody new on every request. */
    public static FuzzCaller insider(String name, Supplier<String> tokens) {
        return new FuzzCaller(name, tokens, false);
    }

    /** A caller that must never read the fixtures' secrets. */
    public static FuzzCaller outsider(String name, String token) {
        return new FuzzCaller(name, () -> token, true);
    }

    /** No token at all. */
    public static FuzzCaller anonymous() {
        return new FuzzCaller("anonymous", () -> null, true);
    }

    String token() {
        return tokens.get();
    }
}
