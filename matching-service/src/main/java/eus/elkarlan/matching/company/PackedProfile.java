package eus.elkarlan.matching.company;

import java.util.List;

/**
 * A company laid out in a few flat arrays for the ranking loop, which scores one company against
 * thousands: reading two small arrays per pair instead of following lists of objects keeps the
 * loop in the processor's caches. Holds exactly what {@link CompanyProfile} holds for scoring.
 */
public final class PackedProfile {

    private static final List<String> LANGUAGES = List.of("eu", "fr", "es", "en");
    private static final List<String> SIZES = List.of("MICRO", "SMALL", "MEDIUM", "LARGE");

    public final int region;
    public final int languages;
    public final int size;
    public final int division;
    public final Side needs;
    public final Side offers;

    PackedProfile(String region, List<String> languages, String sizeBand, String naceCode, Side needs, Side offers) {
        this.region = "IPARRALDE".equals(region) ? 0 : "HEGOALDE".equals(region) ? 1 : 2 + region.hashCode();
        int mask = 0;
        for (String lang : languages) {
            int i = LANGUAGES.indexOf(lang);
            mask |= i < 0 ? 1 << 8 : 1 << i;
        }
        this.languages = mask;
        this.size = SIZES.indexOf(sizeBand);
        this.division = naceCode == null || naceCode.length() < 2 ? -1 : (naceCode.charAt(0) << 16) | naceCode.charAt(1);
        this.needs = needs;
        this.offers = offers;
    }

    /**
     * The offers or the needs: item i has masks {@code family[i]}, {@code stem[i]}, {@code cooperation[i]},
     * concepts {@code concepts[conceptStart[i] .. conceptStart[i+1])} and stems (sorted)
     * {@code stems[stemStart[i] .. stemStart[i+1])}.
     */
    public static final class Side {
        public final int count;
        public final long[] family;
        public final long[] stem;
        /** The union of the items' stem masks: an item whose mask misses it shares no stem with any of them. */
        public final long stemUnion;
        public final long[] cooperation;
        public final int[] conceptStart;
        public final int[] concepts;
        public final int[] stemStart;
        public final int[] stems;

        Side(List<CompanyProfile.Item> items, long[] cooperationMasks) {
            count = items.size();
            family = new long[count];
            stem = new long[count];
            cooperation = cooperationMasks;
            conceptStart = new int[count + 1];
            stemStart = new int[count + 1];
            int conceptTotal = 0;
            int stemTotal = 0;
            for (int i = 0; i < count; i++) {
                CompanyProfile.Item item = items.get(i);
                family[i] = item.familyMask();
                stem[i] = item.stemMask();
                conceptStart[i] = conceptTotal;
                stemStart[i] = stemTotal;
                conceptTotal += item.concepts().length;
                stemTotal += item.stems().length;
            }
            long union = 0;
            for (long mask : stem) {
                union |= mask;
            }
            stemUnion = union;
            conceptStart[count] = conceptTotal;
            stemStart[count] = stemTotal;
            concepts = new int[conceptTotal];
            stems = new int[stemTotal];
            for (int i = 0; i < count; i++) {
                CompanyProfile.Item item = items.get(i);
                System.arraycopy(item.concepts(), 0, concepts, conceptStart[i], item.concepts().length);
                System.arraycopy(item.stems(), 0, stems, stemStart[i], item.stems().length);
            }
        }
    }
}
