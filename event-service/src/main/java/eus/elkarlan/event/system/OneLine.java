package eus.elkarlan.event.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A name as people write it: one line of text with something in it once the spaces around it
 * are gone, without control characters, line or paragraph separators or a broken surrogate pair.
 * A {@code null} value, or one {@code @NotBlank} refuses (nothing above U+0020), is left to that
 * constraint, so a field gets one error.
 */
@Documented
@Constraint(validatedBy = OneLine.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface OneLine {

    String message() default "must be one line of text, without control characters or line breaks";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<OneLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.trim().isEmpty()) {
                return true;
            }
            String v = Text.clean(value);
            // a lone surrogate comes out of codePoints() as itself, of type SURROGATE
            return !v.isEmpty() && v.codePoints().noneMatch(c -> switch (Character.getType(c)) {
                case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                        Character.SURROGATE -> true;
                default -> false;
            });
        }
    }
}
