package eus.elkarlan.company.company;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Check digits of the legal identifiers: French SIREN (9 digits) and SIRET (14 digits) by Luhn
 * (with La Poste's SIRET exception), Spanish NIF in its DNI, NIE and CIF forms.
 */
public final class LegalIdentifiers {

    public static final String FR_SIREN = "FR_SIREN";
    public static final String FR_SIRET = "FR_SIRET";
    public static final String ES_NIF = "ES_NIF";

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    private static final String CIF_LETTERS = "JABCDEFGHI";
    private static final Pattern DNI = Pattern.compile("\\d{8}[A-Z]");
    private static final Pattern NIE = Pattern.compile("[XYZ]\\d{7}[A-Z]");
    private static final Pattern CIF = Pattern.compile("[ABCDEFGHJNPQRSUVW]\\d{7}[0-9A-J]");
    private static final String LA_POSTE_SIREN = "356000000";

    private LegalIdentifiers() {
    }

    /** Upper case, without spaces, dots and hyphens. */
    public static String normalize(String value) {
        return value == null ? null : value.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    /** The country whose identifiers a scheme holds, or {@code null} for an unknown scheme. */
    public static String country(String scheme) {
        return switch (scheme == null ? "" : scheme) {
            case FR_SIREN, FR_SIRET -> "FR";
            case ES_NIF -> "ES";
            default -> null;
        };
    }

    /** Why a normalized value is not valid for the scheme, or {@code null} when it is. */
    public static String problem(String scheme, String value) {
        return switch (scheme) {
            case FR_SIREN -> !value.matches("\\d{9}") ? "a SIREN has 9 digits"
                    : luhn(value) ? null : "the SIREN check digit is wrong";
            case FR_SIRET -> !value.matches("\\d{14}") ? "a SIRET has 14 digits"
                    : luhn(value) || laPoste(value) ? null : "the SIRET check digit is wrong";
            case ES_NIF -> nifProblem(value);
            default -> "unknown scheme";
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static boolean laPoste(String siret) {
        if (!siret.startsWith(LA_POSTE_SIREN)) {
            return false;
        }
        int sum = 0;
        for (char c : siret.toCharArray()) {
            sum += c - '0';
        }
        return sum % 5 == 0;
    }

    private static String nifProblem(String value) {
        if (DNI.matcher(value).matches()) {
            int number = Integer.parseInt(value.substring(0, 8));
            return DNI_LETTERS.charAt(number % 23) == value.charAt(8) ? null : "the DNI control letter is wrong";
        }
        if (NIE.matcher(value).matches()) {
            int number = Integer.parseInt("XYZ".indexOf(value.charAt(0)) + value.substring(1, 8));
            return DNI_LETTERS.charAt(number % 23) == value.charAt(8) ? null : "the NIE control letter is wrong";
        }
        if (CIF.matcher(value).matches()) {
            char control = cifControlDigit(value.substring(1, 8));
            char letter = CIF_LETTERS.charAt(control - '0');
            char given = value.charAt(8);
            char kind = value.charAt(0);
            boolean letterOnly = "PQRSNW".indexOf(kind) >= 0;
            boolean digitOnly = "ABEH".indexOf(kind) >= 0;
            boolean ok = (given == control && !letterOnly) || (given == letter && !digitOnly);
            return ok ? null : "the CIF control character is wrong";
        }
        return "not a DNI (8 digits and a letter), NIE (X, Y or Z, 7 digits and a letter) or CIF (a letter, 7 digits and a control character)";
    }

    /** The CIF control digit of its 7 central digits. */
    static char cifControlDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = digits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                sum += d / 10 + d % 10;
            }
            else {
                sum += d;
            }
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** A valid CIF for a letter and 7 digits (demo data and benchmarks). */
    public static String cif(char kind, int sevenDigits) {
        String digits = String.format(Locale.ROOT, "%07d", sevenDigits);
        char control = cifControlDigit(digits);
        return kind + digits + ("PQRSNW".indexOf(kind) >= 0 ? CIF_LETTERS.charAt(control - '0') : control);
    }

    /** A valid SIREN for 8 leading digits (demo data and benchmarks). */
    public static String siren(int eightDigits) {
        String body = String.format(Locale.ROOT, "%08d", eightDigits);
        for (char c = '0'; c <= '9'; c++) {
            if (luhn(body + c)) {
                return body + c;
            }
        }
        throw new IllegalStateException();
    }
}
