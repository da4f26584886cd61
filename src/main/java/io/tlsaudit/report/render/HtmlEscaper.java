package io.tlsaudit.report.render;

import io.tlsaudit.text.InertText;

/**
 * The one escaper of the HTML format, for element text and attribute values alike, in HTML and in inline SVG. Log
 * text is hostile: {@code & < > " '} become character references, so no value can open a tag, close an attribute or
 * end the {@code <style>} element; control, bidirectional and invisible characters are shown as {@code <U+XXXX>}
 * through {@link InertText}, as in the other formats, which also keeps the page well-formed XML.
 */
final class HtmlEscaper {

    private HtmlEscaper() {}

    /** {@code text} safe inside an element or a double- or single-quoted attribute; null reads as empty. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        String inert = InertText.of(text);
        StringBuilder escaped = null;
        for (int i = 0; i < inert.length(); i++) {
            String reference =
                    switch (inert.charAt(i)) {
                        case '&' -> "&amp;";
                        case '<' -> "&lt;";
                        case '>' -> "&gt;";
                        case '"' -> "&quot;";
                        case '\'' -> "&#39;";
                        default -> null;
                    };
            if (reference != null && escaped == null) {
                escaped = new StringBuilder(inert.length() + 16).append(inert, 0, i);
            }
            if (escaped != null) {
                if (reference != null) {
                    escaped.append(reference);
                } else {
                    escaped.append(inert.charAt(i));
                }
            }
        }
        return escaped == null ? inert : escaped.toString();
    }
}
