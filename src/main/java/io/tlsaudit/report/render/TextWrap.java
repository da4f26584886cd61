package io.tlsaudit.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a cell's text into lines of at most a given display width. Lines break after spaces (so after {@code ", "}
 * in lists), column names also after {@code _}; a word longer than a line is broken where the line ends. Nothing is
 * dropped: the lines put together are the text, the spaces at a break ending the line before it, where they print as
 * padding.
 */
final class TextWrap {

    private TextWrap() {}

    /** Where lines may break besides after spaces. */
    enum Breaks {
        /** After spaces only: cells. */
        SPACES,
        /** After spaces and after {@code _}: column names, {@code legacy_} over {@code connections}. */
        SPACES_AND_UNDERSCORES
    }

    /** The lines of {@code text}, each no wider than {@code width} once its trailing spaces are left off. */
    static List<String> lines(String text, int width, Breaks breaks) {
        int limit = Math.max(1, width);
        if (DisplayWidth.of(text) <= limit) {
            return List.of(text);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int lineWidth = 0;
        for (String piece : pieces(text, breaks)) {
            String word = piece.stripTrailing();
            String spaces = piece.substring(word.length());
            int wordWidth = DisplayWidth.of(word);
            if (line.length() > 0 && lineWidth + wordWidth <= limit) {
                line.append(piece);
                lineWidth += wordWidth + spaces.length();
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (wordWidth > limit) {
                List<String> chunks = hardBreak(word, limit);
                lines.addAll(chunks.subList(0, chunks.size() - 1));
                word = chunks.get(chunks.size() - 1);
                wordWidth = DisplayWidth.of(word);
            }
            line.append(word).append(spaces);
            lineWidth = wordWidth + spaces.length();
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** The widest part of {@code text} that cannot be broken without cutting a word: the narrowest line it allows. */
    static int narrowest(String text, Breaks breaks) {
        int widest = 0;
        for (String piece : pieces(text, breaks)) {
            widest = Math.max(widest, DisplayWidth.of(piece.stripTrailing()));
        }
        return widest;
    }

    /** The text cut after each run of spaces (and after each {@code _}): every piece ends where a line may break. */
    private static List<String> pieces(String text, Breaks breaks) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean spaceEnds = c == ' ' && (i + 1 == text.length() || text.charAt(i + 1) != ' ');
            boolean underscoreEnds = c == '_' && breaks == Breaks.SPACES_AND_UNDERSCORES;
            if (spaceEnds || underscoreEnds) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** {@code word} in chunks of at most {@code width} columns, cut between code points. */
    private static List<String> hardBreak(String word, int width) {
        List<String> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkWidth = 0;
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            int codePointWidth = DisplayWidth.of(codePoint);
            if (chunkWidth + codePointWidth > width && chunk.length() > 0) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
                chunkWidth = 0;
            }
            chunk.appendCodePoint(codePoint);
            chunkWidth += codePointWidth;
            i += Character.charCount(codePoint);
        }
        chunks.add(chunk.toString());
        return chunks;
    }
}
