package org.lrpo.jobs.report;

/**
 * Appends HTML to a buffer, escaping every piece of text and every attribute value it is given, so content
 * strings (model names, paths, the configuration) can never become markup. Only {@link #raw} takes markup,
 * for what this package generated itself (inline SVG, the style sheet).
 */
final class HtmlWriter {
    private final StringBuilder out = new StringBuilder(1 << 16);

    /** {@code s} with the five characters that are special in HTML text and attribute values escaped. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** Opens {@code tag} with attributes given as name, value pairs; a null value leaves its attribute out. */
    HtmlWriter open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    HtmlWriter close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attributes>text</tag>}. */
    HtmlWriter element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    HtmlWriter text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup this package made itself; never content. */
    HtmlWriter raw(String markup) {
        out.append(markup);
        return this;
    }

    HtmlWriter newline() {
        out.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
