package eus.elkarlan.event.system;

import java.util.Comparator;
import java.util.List;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Validates a request body where the use case says so: after authentication, role and object
 * checks (401, 403, 404 come before 400), rather than while Spring reads the body.
 */
@Component
public class BodyValidator {

    private final Validator validator;

    BodyValidator(Validator validator) {
        this.validator = validator;
    }

    public void validate(Object body) {
        if (body == null) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("body", "is required")));
        }
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations.stream()
                    .map(v -> new ApiException.FieldError(
                            v.getPropertyPath().toString().replace(".<list element>", "")
                                    .replace("<list element>", ""),
                            v.getMessage()))
                    .sorted(Comparator.comparing(ApiException.FieldError::field)).toList());
        }
    }
}
