package eus.elkarlan.system;

import java.util.Random;

/** Valid legal identifiers for test companies: the check digits company-service verifies. */
public final class LegalIds {

    private LegalIds() {
    }

    /** A SIREN: eight random digits and a Luhn check digit. */
    public static String siren(Random random) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            digits.append(i == 0 ? 1 + random.nextInt(9) : random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = digits.toString() + check;
            int sum = 0;
            for (int i = 0; i < candidate.length(); i++) {
                int d = candidate.charAt(candidate.length() - 1 - i) - '0';
                if (i % 2 == 1) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }

    /** A CIF of a limited company (B): seven random digits and the control digit. */
    public static String cif(Random random) {
        int[] d = new int[7];
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            d[i] = random.nextInt(10);
            if (i % 2 == 0) {
                int doubled = d[i] * 2;
                sum += doubled / 10 + doubled % 10;
            }
            else {
                sum += d[i];
            }
        }
        StringBuilder value = new StringBuilder("B");
        for (int digit : d) {
            value.append(digit);
        }
        return value.append((10 - sum % 10) % 10).toString();
    }
}
