-- On which servers and IIS sites is the negotiated TLS not logged? Requests from periods whose #Fields lack the
-- crypt-protocol field (or the name configured with --iis-field) cannot tell legacy from modern clients. Enable the
-- fields with IIS custom fields (Windows Server 2012 R2/2016 and later), e.g. in siteDefaults:
--   <add logFieldName="crypt-protocol" sourceName="CRYPT_PROTOCOL" sourceType="ServerVariable" />
--   <add logFieldName="crypt-cipher" sourceName="CRYPT_CIPHER_ALG_ID" sourceType="ServerVariable" />
--   <add logFieldName="crypt-hash" sourceName="CRYPT_HASH_ALG_ID" sourceType="ServerVariable" />
--   <add logFieldName="crypt-keyexchange" sourceName="CRYPT_KEYEXCHANGE_ALG_ID" sourceType="ServerVariable" />
SELECT
    server,
    site,
    sum(requests) AS requests_without_tls_fields,
    count(DISTINCT source_file) AS files,
    min(logged_at) AS first_seen,
    max(last_logged_at) AS last_seen
FROM iis_requests
WHERE NOT tls_logged
GROUP BY server, site
ORDER BY server, site;
