package eus.elkarlan.company.system;

/** One wrong field of a request: dotted path with indexes in brackets, and why. */
public record FieldError(String field, String message) {
}
