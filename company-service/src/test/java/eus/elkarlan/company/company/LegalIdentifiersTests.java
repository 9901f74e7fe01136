package eus.elkarlan.company.company;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegalIdentifiersTests {

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
        "ES_NIF, B20123451, true", "ES_NIF, B20123452, false",
        "ES_NIF, 12345678Z, true", "ES_NIF, 12345678A, false",
        "ES_NIF, X1234567L, true", "ES_NIF, X1234567A, false",
        "ES_NIF, Y1234567X, true", "ES_NIF, Z1234567R, true",
        "ES_NIF, P2000000F, true", "ES_NIF, P20000006, false",
        "ES_NIF, A58818501, true", "ES_NIF, A5881850B, false",
        "ES_NIF, G20000006, true", "ES_NIF, G2000000F, true",
        "ES_NIF, 1234567Z, false", "ES_NIF, I20000006, false",
        "FR_SIREN, 732829320, true", "FR_SIREN, 732829321, false", "FR_SIREN, 73282932, false",
        "FR_SIRET, 73282932000074, true", "FR_SIRET, 73282932000075, false",
        "FR_SIRET, 35600000000048, true", "FR_SIRET, 35600000000049, false" })
    void checkCharactersAreVerified(String scheme, String value, boolean valid) {
        assertThat(LegalIdentifiers.problem(scheme, LegalIdentifiers.normalize(value)) == null).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({ "b-20.123.451, B20123451", "' 732 829 320 ', 732829320" })
    void valuesAreNormalised(String raw, String normalised) {
        assertThat(LegalIdentifiers.normalize(raw)).isEqualTo(normalised);
    }
}
