package eus.elkarlan.matching.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns an offer's or a need's free text into stems with Lucene's analyzer of its language
 * (stop words out, light stemming), then folds accents, so that "auditoría" and "audit" meet
 * where their stems agree and technical words (ISO 27001, Kubernetes, cloud) meet across languages.
 * Thread-safe: Lucene analyzers keep their token streams per thread.
 */
public final class TextAnalysis {

    private static final int MIN_STEM_LENGTH = 3;
    private static final int MAX_STEMS = 64;

    private final Map<String, Analyzer> analyzers = Map.of("eu", new BasqueAnalyzer(), "fr", new FrenchAnalyzer(),
            "es", new SpanishAnalyzer(), "en", new EnglishAnalyzer());

    /** The distinct stems of {@code text} in {@code lang} (English analysis for an unknown language). */
    public Set<String> stems(String text, String lang) {
        Set<String> stems = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return stems;
        }
        Analyzer analyzer = analyzers.getOrDefault(lang, analyzers.get("en"));
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && stems.size() < MAX_STEMS) {
                String stem = fold(term.toString());
                if (stem.length() >= MIN_STEM_LENGTH || stem.chars().allMatch(Character::isDigit)) {
                    stems.add(stem);
                }
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return stems;
    }

    private static String fold(String token) {
        return Normalizer.normalize(token, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
