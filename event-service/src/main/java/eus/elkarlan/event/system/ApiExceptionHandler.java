package eus.elkarlan.event.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns every refusal into RFC 9457 problem details; never a stack trace. */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> domain(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        if (!e.errors().isEmpty()) {
            problem.setProperty("errors", e.errors());
        }
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(f -> errors.add(new ApiException.FieldError(f.getField(), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new ApiException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return domain(ApiException.invalid(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(
                err -> errors.add(new ApiException.FieldError(r.getMethodParameter().getParameterName(),
                        err.getDefaultMessage()))));
        return domain(ApiException.invalid(errors));
    }

    @ExceptionHandler({ HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class })
    ResponseEntity<ProblemDetail> unreadable(Exception e) {
        String field = eus.elkarlan.security.keycloak.StrictJsonInputConfiguration.fieldOf(e);
        if (field != null) {
            // name the field that could not be bound, as for any other invalid field
            return domain(ApiException.invalid(List.of(new ApiException.FieldError(field,
                    "has a wrong type, an unknown value or an object where a value is expected"))));
        }
        return domain(new ApiException(HttpStatus.BAD_REQUEST, "Malformed request",
                "the body or a parameter could not be read (malformed JSON, wrong type or unknown value)"));
    }

    /** Tomcat could not decode a query parameter (percent-encoded bytes that are not UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodable(Exception e) {
        return domain(new ApiException(HttpStatus.BAD_REQUEST, "Malformed request",
                "a query parameter is not valid UTF-8 once percent-decoded"));
    }

    @ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
    ResponseEntity<ProblemDetail> denied(Exception e) {
        return domain(ApiException.forbidden("not allowed"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable() {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(OptimisticLockingFailureException e) {
        return domain(ApiException.conflict("the event changed meanwhile; retry"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e;
        }
        log.error("unexpected error", e);
        return domain(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "unexpected error"));
    }
}
