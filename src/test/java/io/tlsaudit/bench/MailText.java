package io.tlsaudit.bench;

import java.util.SplittableRandom;

/** The varying text of SMTP dialogue: mailboxes, message ids, queue ids, certificate values. */
final class MailText {

    /** Our organisation's public address, as remote servers see it in {@code Hello [...]}. */
    static final String PUBLIC_IP = "203.0.113.10";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private final SplittableRandom random;
    private final StringBuilder scratch = new StringBuilder(256);

    MailText(SplittableRandom random) {
        this.random = random;
    }

    /** {@code anna.weber} or {@code a.weber}, a local part. */
    String localPart() {
        String first = CorpusPeers.FIRST_NAMES[random.nextInt(CorpusPeers.FIRST_NAMES.length)];
        String last = CorpusPeers.LAST_NAMES[random.nextInt(CorpusPeers.LAST_NAMES.length)];
        return random.nextBoolean() ? first + "." + last : first.charAt(0) + "." + last;
    }

    /** How many recipients a message has: mostly one, sometimes a handful, rarely a dozen. */
    int recipients() {
        int roll = random.nextInt(100);
        return roll < 78 ? 1 : roll < 95 ? 2 + random.nextInt(2) : 4 + random.nextInt(6);
    }

    /** How many messages a session carries. */
    int messages() {
        int roll = random.nextInt(100);
        return roll < 88 ? 1 : roll < 96 ? 2 : 3 + random.nextInt(3);
    }

    int messageSize() {
        int roll = random.nextInt(10);
        return roll < 6
                ? 2_000 + random.nextInt(30_000)
                : roll < 9 ? 30_000 + random.nextInt(200_000) : 250_000 + random.nextInt(4_000_000);
    }

    /**
     * Exchange's reply to the end of a message: {@code 250 2.6.0 <id@domain> [InternalId=..., Hostname=...] n bytes
     * in 0.694, 32.531 KB/sec Queued mail for delivery}.
     */
    String queued(String senderDomain, String hostname, int size) {
        StringBuilder text = scratch;
        text.setLength(0);
        text.append("250 2.6.0 <");
        appendHex(text, random.nextLong(), 8, HEX);
        text.append('-');
        appendHex(text, random.nextLong(), 4, HEX);
        text.append('-');
        appendHex(text, random.nextLong(), 4, HEX);
        text.append('-');
        appendHex(text, random.nextLong(), 4, HEX);
        text.append('-');
        appendHex(text, random.nextLong(), 12, HEX);
        text.append('@').append(senderDomain).append("> [InternalId=");
        text.append(1_000_000_000_000L + (random.nextLong() & 0x7FFF_FFFF_FFFFL) % 9_000_000_000_000L);
        text.append(", Hostname=").append(hostname).append("] ").append(size).append(" bytes in ");
        int millis = 40 + random.nextInt(2500);
        text.append(millis / 1000).append('.');
        appendThreeDigits(text, millis % 1000);
        long speed = (long) size * 1000 / millis / 1024 * 1000 + random.nextInt(1000);
        text.append(", ").append(speed / 1000).append('.');
        appendThreeDigits(text, (int) (speed % 1000));
        text.append(" KB/sec Queued mail for delivery");
        return text.toString();
    }

    /** A Postfix-style queue id ({@code D358EDE16B}). */
    String queueId() {
        StringBuilder text = scratch;
        text.setLength(0);
        appendHex(text, random.nextLong(), 10, UPPER_HEX);
        return text.toString();
    }

    /** A certificate thumbprint: 40 upper-case hex digits. */
    String thumbprint() {
        StringBuilder text = scratch;
        text.setLength(0);
        appendHex(text, random.nextLong(), 16, UPPER_HEX);
        appendHex(text, random.nextLong(), 16, UPPER_HEX);
        appendHex(text, random.nextLong(), 8, UPPER_HEX);
        return text.toString();
    }

    private static void appendHex(StringBuilder out, long value, int digits, char[] alphabet) {
        for (int i = digits - 1; i >= 0; i--) {
            out.append(alphabet[(int) (value >>> (4 * (i % 16))) & 0xF]);
        }
    }

    private static void appendThreeDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 100))
                .append((char) ('0' + value / 10 % 10))
                .append((char) ('0' + value % 10));
    }
}
