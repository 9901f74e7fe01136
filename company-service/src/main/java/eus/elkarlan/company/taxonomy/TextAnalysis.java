package eus.elkarlan.company.taxonomy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.CharArraySet;
import org.springframework.stereotype.Component;

/**
 * Lucene's stemming and stop words for Basque, French, Spanish and English. Diacritics are
 * folded before analysis, on both sides (taxonomy labels and free text), so that
 * "cybersecurite" and "cybersécurité" meet. Analyzers are thread-safe.
 */
@Component
public class TextAnalysis {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Map<Lang, Analyzer> analyzers = new EnumMap<>(Lang.class);
    private final Analyzer plain = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    public TextAnalysis() {
        analyzers.put(Lang.EU, basque());
        analyzers.put(Lang.FR, new FrenchAnalyzer());
        analyzers.put(Lang.ES, new SpanishAnalyzer());
        analyzers.put(Lang.EN, new EnglishAnalyzer());
    }

    /**
     * Lucene's Basque analysis, plus the removal of a final absolutive article "-a" that the
     * Snowball stemmer leaves on some words and strips from their plural ("auditoria" and
     * "auditoriak" both become "auditori").
     */
    private static Analyzer basque() {
        CharArraySet stopWords = BasqueAnalyzer.getDefaultStopSet();
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(source);
                stream = new StopFilter(stream, stopWords);
                stream = new SnowballFilter(stream, new BasqueStemmer());
                stream = new FinalArticleFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    private static final class FinalArticleFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        FinalArticleFilter(TokenStream in) {
            super(in);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            int length = term.length();
            if (length > 4 && term.charAt(length - 1) == 'a') {
                term.setLength(length - 1);
            }
            return true;
        }
    }

    /** Stems of a text in one language, in order (stop words removed). */
    public List<String> stems(Lang lang, String text) {
        return run(analyzers.get(lang), text);
    }

    /** The words of a text, lower-cased and folded, without stemming or stop words. */
    public List<String> words(String text) {
        return run(plain, text);
    }

    /** Every stem the text yields in any of the four languages. */
    public Set<String> allStems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (Lang lang : Lang.values()) {
            stems.addAll(stems(lang, text));
        }
        return stems;
    }

    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }

    private static List<String> run(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        try (TokenStream stream = analyzer.tokenStream("t", fold(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }
}
