package eus.elkarlan.company.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eus.elkarlan.company.company.CompanyRequest;
import eus.elkarlan.company.company.CompanyRequest.ContactRequest;
import eus.elkarlan.company.company.CompanyRequest.ItemRequest;
import eus.elkarlan.company.company.CompanyRequest.LegalIdRequest;
import eus.elkarlan.company.company.LegalIdentifiers;
import eus.elkarlan.company.company.Territory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fictional demo companies (a JSON resource without identifiers), turned into registration
 * requests with valid, deterministic legal identifiers and contacts. Also the seed of the
 * benchmark's synthetic companies.
 */
public final class DemoCompanies {

    record Entry(String legalName, String territory, String city, String postalCode, String sizeBand, String naceCode,
            List<String> languages, Map<String, String> description, List<ItemRequest> offers, List<ItemRequest> needs,
            Boolean womenLed, Boolean publicProfile) {
    }

    private DemoCompanies() {
    }

    public static List<CompanyRequest> load(InputStream in) {
        try (in) {
            List<Entry> entries = JsonMapper.builder().build().readValue(in, new TypeReference<List<Entry>>() { });
            List<CompanyRequest> requests = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                requests.add(request(entries.get(i), i, entries.get(i).legalName()));
            }
            return requests;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A request for entry {@code e}, the {@code n}-th company, named {@code name}. */
    public static CompanyRequest request(Entry e, int n, String name) {
        boolean french = Territory.of(e.territory()).map(t -> t.country().equals("FR")).orElse(false);
        String legalId = french ? LegalIdentifiers.siren(80_000_000 + n * 7) : LegalIdentifiers.cif('B', 9_000_000 - n * 7);
        String slug = slug(name);
        return new CompanyRequest(name, new LegalIdRequest(french ? "FR_SIREN" : "ES_NIF", legalId), e.territory(),
                e.city(), e.postalCode(), "https://" + slug + ".example", e.sizeBand(), e.naceCode(), null, e.languages(),
                e.description(), e.offers(), e.needs(), e.womenLed(), e.publicProfile(),
                new ContactRequest(null, "info@" + slug + ".example", null));
    }

    /** The same companies repeated and renamed, {@code count} in all (benchmarks). */
    public static List<CompanyRequest> synthetic(InputStream in, int count) {
        try (in) {
            List<Entry> entries = JsonMapper.builder().build().readValue(in, new TypeReference<List<Entry>>() { });
            List<CompanyRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Entry e = entries.get(i % entries.size());
                requests.add(request(e, i, e.legalName() + " " + (i / entries.size())));
            }
            return requests;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String slug(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
