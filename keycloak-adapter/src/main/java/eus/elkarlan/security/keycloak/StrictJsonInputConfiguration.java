package eus.elkarlan.security.keycloak;

import java.time.temporal.Temporal;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.type.LogicalType;

/**
 * A request body's JSON types are taken as they are written (DESIGN: "a wrong type … 400"):
 * Jackson would otherwise turn {@code "12"} into a number, {@code 12} into a string, {@code 1} into
 * {@code true} or an enum's ordinal, {@code 2.5} into {@code 2}, and a number into a date. Every
 * service's JSON mapper refuses them instead, and its problem handler names the field
 * ({@link #fieldOf}). Found by the fuzz passes (issue 9).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(name = { "tools.jackson.databind.json.JsonMapper",
        "org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer" })
public class StrictJsonInputConfiguration {

    @Bean
    JsonMapperBuilderCustomizer elkarlanStrictJsonInput() {
        return StrictJsonInputConfiguration::strict;
    }

    /** Turns off the coercion of JSON scalars of one type into Java values of another. */
    public static <B extends MapperBuilder<?, ?>> B strict(B builder) {
        builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float)) {
            builder.withCoercionConfig(type, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        }
        builder.withCoercionConfig(LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Boolean, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        builder.withCoercionConfig(LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        // a date or time is an ISO-8601 string, not a number of seconds or days
        builder.withCoercionConfig(LogicalType.DateTime, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        // Instant, OffsetDateTime and ZonedDateTime take a number as epoch seconds whatever the above says
        builder.addModule(new SimpleModule("elkarlan-text-only-dates").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new TextOnly(deserializer) : deserializer;
            }
        }));
        builder.withCoercionConfig(LogicalType.Enum, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
        return builder;
    }

    /** A date or time read only from a JSON string (the ISO-8601 text), never from a number. */
    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new TextOnly(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT) || parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }

    /**
     * The field a body could not be read at, as DESIGN writes it ({@code legalId.value},
     * {@code offers[0].title}), or {@code null} when the failure is not tied to one (malformed JSON).
     */
    public static String fieldOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException json && !json.getPath().isEmpty()) {
                StringBuilder field = new StringBuilder();
                for (JacksonException.Reference reference : json.getPath()) {
                    if (reference.getPropertyName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
                    }
                    else if (reference.getIndex() >= 0) {
                        field.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return field.isEmpty() ? null : field.toString();
            }
        }
        return null;
    }
}
