package eus.elkarlan.matching.company;

import java.util.List;
import java.util.Set;

/**
 * The matching read model of one company: what scoring and explanations need, nothing personal
 * beyond the legal name (no contact).
 *
 * @param ordinal position in the {@link CompanyDirectory}'s arrays
 * @param packed  the same, laid out for the ranking loop
 */
public record CompanyProfile(String id, int ordinal, String ownerSubject, String name, String territory, String region,
        List<String> languages, String sizeBand, String naceCode, Boolean womenLed, List<Item> offers, List<Item> needs,
        long version, PackedProfile packed) {

    /** Whether the two companies sit on different sides of the border. */
    public boolean crossesBorderWith(CompanyProfile other) {
        return !region.equals(other.region);
    }

    /** The first working language, or {@code en}. */
    public String firstLanguage() {
        return languages.isEmpty() ? "en" : languages.get(0);
    }

    /**
     * An offer or a need, compiled for fast comparison.
     *
     * @param concepts    interned concept ids (see {@link ConceptTable}), distinct
     * @param conceptCodes the codes, in the same order
     * @param stems       interned stem ids, sorted ascending, distinct
     * @param stemMask    one bit per stem id modulo 64: two items whose masks do not meet share no stem
     * @param familyMask  one bit per top-level concept id modulo 64: two items whose masks do not meet
     *                    share no concept family, so no concept credit
     */
    public record Item(String id, String title, String lang, int[] concepts, List<String> conceptCodes, int[] stems,
            long stemMask, long familyMask, Set<String> cooperation) {

        public Item(String id, String title, String lang, int[] concepts, int[] families, List<String> conceptCodes,
                int[] stems, Set<String> cooperation) {
            this(id, title, lang, concepts, conceptCodes, stems, mask(stems), mask(families), cooperation);
        }

        private static long mask(int[] ids) {
            long mask = 0;
            for (int id : ids) {
                mask |= 1L << (id & 63);
            }
            return mask;
        }
    }
}
