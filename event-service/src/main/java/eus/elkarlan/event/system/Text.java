package eus.elkarlan.event.system;

/** How the service tidies the names it is sent. */
public final class Text {

    private Text() {
    }

    /**
     * The value without the spaces around it, as a browser's {@code String.trim()} removes them:
     * white space, every Unicode space and line separator (the no-break space included) and the
     * byte order mark. So a name sent by the API reads back as the web form will send it again.
     */
    public static String clean(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && space(value.charAt(start))) {
            start++;
        }
        while (end > start && space(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
