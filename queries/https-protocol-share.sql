-- How are HTTPS requests to each server and IIS site secured? Requests by protocol, with the share of the site's
-- requests; 'plain HTTP' is a request without TLS (e.g. Remote PowerShell on port 80) and 'not logged' a request
-- from a period without the crypt-* fields. clients counts distinct client addresses: requests logged without one
-- (c-ip '-') add none. Managed Availability probes are left out.
WITH classified AS (
    SELECT
        server,
        site,
        requests,
        client_ip,
        CASE
            WHEN NOT tls_logged THEN 'not logged'
            WHEN tls_protocol IS NULL THEN 'plain HTTP'
            ELSE tls_protocol
        END AS security
    FROM iis_requests
    WHERE NOT probe
)
SELECT
    server,
    site,
    security,
    sum(requests) AS requests,
    round(100.0 * sum(requests) / sum(sum(requests)) OVER (PARTITION BY server, site), 1) AS share_pct,
    count(DISTINCT client_ip) AS clients
FROM classified
GROUP BY server, site, security
ORDER BY server, site, security DESC;
