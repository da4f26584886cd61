package io.tlsaudit.parse.w3c;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which {@code #Fields} names hold the TLS values and the original client address. Admins choose the names of IIS
 * custom fields; the usual ones are known here and {@code --iis-field ROLE=NAME} adds more.
 */
public final class IisFieldNames {

    /** The values a custom field can play. */
    public enum Role {
        PROTOCOL("protocol"),
        CIPHER("cipher"),
        HASH("hash"),
        KEYEXCHANGE("keyexchange"),
        CLIENT_IP("client-ip");

        private final String option;

        Role(String option) {
            this.option = option;
        }

        /** The name used in {@code --iis-field ROLE=NAME}. */
        public String option() {
            return option;
        }

        /** The role of an option name, or null. */
        public static Role fromOption(String name) {
            for (Role role : values()) {
                if (role.option.equalsIgnoreCase(name)) {
                    return role;
                }
            }
            return null;
        }
    }

    private final Map<Role, List<String>> names = new LinkedHashMap<>();

    private IisFieldNames() {
        add(Role.PROTOCOL, "crypt-protocol", "CRYPT_PROTOCOL", "TlsVersion", "tls-protocol", "TlsProtocol");
        add(Role.CIPHER, "crypt-cipher", "CRYPT_CIPHER_ALG_ID", "TlsCipher", "tls-cipher");
        add(Role.HASH, "crypt-hash", "CRYPT_HASH_ALG_ID", "TlsHash", "tls-hash");
        add(Role.KEYEXCHANGE, "crypt-keyexchange", "CRYPT_KEYEXCHANGE_ALG_ID", "TlsKeyExchange", "tls-keyexchange");
        add(
                Role.CLIENT_IP,
                "X-Forwarded-For",
                "OriginalIP",
                "OriginalClientIP",
                "X-Original-Client-IP",
                "cs(X-Forwarded-For)");
    }

    /** The usual names. */
    public static IisFieldNames standard() {
        return new IisFieldNames();
    }

    /** The usual names plus {@code extra}, which is tried first. */
    public static IisFieldNames withExtra(Map<Role, String> extra) {
        IisFieldNames fieldNames = new IisFieldNames();
        extra.forEach((role, name) -> fieldNames.names.get(role).add(0, name.toLowerCase(Locale.ROOT)));
        return fieldNames;
    }

    private void add(Role role, String... aliases) {
        List<String> list = names.computeIfAbsent(role, r -> new ArrayList<>());
        for (String alias : aliases) {
            list.add(alias.toLowerCase(Locale.ROOT));
        }
    }

    /** The column of {@code role} among lower-cased {@code fields}, or -1. */
    int indexOf(Role role, List<String> fields) {
        for (String alias : names.get(role)) {
            int index = fields.indexOf(alias);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }
}
