-- Which peers negotiate weak cryptography, whatever the protocol version? One row per peer (SMTP: direction + remote
-- address; HTTPS: client address, Managed Availability probes left out), weakness and negotiated suite. The
-- weaknesses are those of cipher-inventory.sql (Microsoft's Exchange TLS guidance), with the same lists, plus the
-- SHA1 MAC of CBC suites:
--   'weak cipher'        bulk cipher DES, 3DES, 3DES_112, RC2, RC4, NULLCIPHER or NONE;
--   'weak mac'           MD5; or SHA1 with a block cipher (DES, 3DES, RC2, AES): a CBC suite with HMAC-SHA1
--                        (TLS_..._CBC_SHA), open to padding-oracle attacks such as Lucky13. AEAD (GCM) suites report
--                        SHA_256/SHA_384 with strength 0 and SHA1 never, so SHA1 with a block cipher is always CBC;
--   'no forward secrecy' static RSA key exchange (RSA_KEYX): recorded traffic can be decrypted later with the key;
--   'short key exchange' RSA or DH key exchange under 2048 bits (SMTP only: IIS logs no key sizes).
-- detail is the suite as negotiated: protocol, cipher/MAC/key exchange, and for SMTP the key exchange bits. A suite
-- with several weaknesses gives a row for each. peer_names: EHLO/HELO (receive) or banner (send) names, the user
-- agents of an HTTPS client. For HTTPS, connections count requests.
WITH negotiated AS (
    SELECT
        'smtp' AS source,
        direction,
        coalesce(remote_ip, '(not logged)') AS remote_ip,
        peer_name AS peer_label,
        tls_protocol,
        cipher,
        mac,
        key_exchange,
        key_exchange_bits,
        1 AS connections,
        started_at AS seen_at
    FROM smtp_sessions
    WHERE tls_outcome = 'negotiated'
    UNION ALL
    SELECT
        'https',
        'https',
        coalesce(client_ip, '(not logged)'),
        user_agent,
        tls_protocol,
        cipher,
        mac,
        key_exchange,
        NULL,
        requests,
        last_logged_at
    FROM iis_requests
    WHERE NOT probe AND tls_protocol IS NOT NULL
),
judged AS (
    SELECT
        *,
        concat_ws(' ',
            coalesce(tls_protocol, '(version not known)'),
            coalesce(cipher, '?') || '/' || coalesce(mac, '?') || '/' || coalesce(key_exchange, '?'),
            CAST(key_exchange_bits AS VARCHAR)) AS detail,
        list_filter([
            CASE WHEN cipher IN ('DES', '3DES', '3DES_112', 'RC2', 'RC4', 'NULLCIPHER', 'NONE') THEN 'weak cipher' END,
            CASE WHEN mac = 'MD5'
                    OR (mac = 'SHA1' AND cipher IN ('DES', '3DES', '3DES_112', 'RC2', 'AES', 'AES_128', 'AES_192',
                        'AES_256'))
                THEN 'weak mac' END,
            CASE WHEN key_exchange = 'RSA_KEYX' THEN 'no forward secrecy' END,
            CASE WHEN key_exchange IN ('RSA_KEYX', 'DH_EPHEM', 'DH_SF') AND key_exchange_bits < 2048
                THEN 'short key exchange' END
        ], w -> w IS NOT NULL) AS weaknesses
    FROM negotiated
)
SELECT
    source,
    direction,
    remote_ip,
    string_agg(DISTINCT peer_label, ', ' ORDER BY peer_label) AS peer_names,
    weakness,
    detail,
    sum(connections)::BIGINT AS connections,
    max(seen_at) AS last_seen
FROM (SELECT *, unnest(weaknesses) AS weakness FROM judged)
GROUP BY source, direction, remote_ip, weakness, detail
ORDER BY
    CASE weakness WHEN 'weak cipher' THEN 1 WHEN 'weak mac' THEN 2 WHEN 'no forward secrecy' THEN 3 ELSE 4 END,
    connections DESC,
    source DESC,
    direction,
    remote_ip,
    detail;
