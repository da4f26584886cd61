package io.tlsaudit.bench;

import java.util.Locale;

/**
 * One generated Exchange server: its name, build and addresses. What differs between builds follows
 * docs/log-formats.md: file naming (hourly on 2019, daily with size roll-over on 2013 and 2016), the spelling of
 * ECDHE, the certificate layout on Receive logs, the spaces after {@code 250} in the EHLO reply, and whether TLS
 * 1.3 can be negotiated (printed as the number {@code 4096}/{@code 8192}).
 *
 * @param index 1-based; names the server ({@code EX01}) and its address ({@code 10.0.0.11})
 * @param version the Exchange build
 * @param hourlyFiles SMTP logs are named by hour ({@code RECV2026110208-1.LOG}) rather than by day
 */
record ExchangeServer(int index, ExchangeVersion version, boolean hourlyFiles) {

    /** The Exchange builds of the corpus and how their logs differ. */
    enum ExchangeVersion {
        EXCHANGE_2013("CALG_ECDHE", CertificateLayout.MULTI_ROW, " ", false, "8.5"),
        EXCHANGE_2016("CALG_ECDH_EPHEM", CertificateLayout.SINGLE_ROW, "  ", false, "10.0"),
        EXCHANGE_2019("CALG_ECDH_EPHEM", CertificateLayout.SINGLE_ROW, "  ", true, "10.0");

        final String ecdheName;
        final CertificateLayout receiveCertificate;
        final String afterEhloCode;
        final boolean tls13;
        final String iisVersion;

        ExchangeVersion(
                String ecdheName,
                CertificateLayout receiveCertificate,
                String afterEhloCode,
                boolean tls13,
                String iisVersion) {
            this.ecdheName = ecdheName;
            this.receiveCertificate = receiveCertificate;
            this.afterEhloCode = afterEhloCode;
            this.tls13 = tls13;
            this.iisVersion = iisVersion;
        }
    }

    /** docs/log-formats.md, 'Certificate layouts': (a) multi-row, (c) single-row. */
    enum CertificateLayout {
        MULTI_ROW,
        SINGLE_ROW
    }

    /** The builds of servers 1, 2, 3, ... in turn: two 2019, one 2016, one 2013, and again. */
    static ExchangeServer of(int index, boolean forceHourlyFiles) {
        ExchangeVersion version =
                switch ((index - 1) % 4) {
                    case 0, 1 -> ExchangeVersion.EXCHANGE_2019;
                    case 2 -> ExchangeVersion.EXCHANGE_2016;
                    default -> ExchangeVersion.EXCHANGE_2013;
                };
        return new ExchangeServer(index, version, forceHourlyFiles || version == ExchangeVersion.EXCHANGE_2019);
    }

    /** {@code EX01}. */
    String name() {
        return String.format(Locale.ROOT, "EX%02d", index);
    }

    /** {@code EX01.corp.contoso.com}. */
    String fqdn() {
        return name() + ".corp.contoso.com";
    }

    /** The server's IPv4 address, {@code 10.0.0.11} for EX01. */
    String ipv4() {
        return "10.0.0." + (10 + index);
    }

    /** The server's IPv6 address, or null: only the 2019 servers have one. */
    String ipv6() {
        return version == ExchangeVersion.EXCHANGE_2019 ? "2001:db8:10::" + Integer.toHexString(0x24 + index) : null;
    }

    /** The localized name some servers give their relay connector (UTF-8 in the logs). */
    String relayConnector() {
        return version == ExchangeVersion.EXCHANGE_2016
                ? name() + "\\Empfang Geräte " + name()
                : name() + "\\Relay Devices " + name();
    }
}
