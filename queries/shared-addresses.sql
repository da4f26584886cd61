-- Which addresses stand for many machines or people: a load balancer, a NAT gateway or a proxy that hides its
-- clients? Per-address findings in the other sections (legacy-peers, legacy-changes, readiness) then describe a
-- crowd, not one peer, and the machines behind the address have to be found where it is (its own logs, the original
-- client address in X-Forwarded-For). Flagged, with the named thresholds of the thresholds CTE below:
--   min_ehlo_names = 3   distinct EHLO/HELO names from one address on receive. One mail server uses one name, at
--                        most two (its FQDN and an address literal or short name from another component); three or
--                        more are several machines sharing the address.
--   min_users = 5        distinct IIS user names from one client address, counted without the domain part
--                        (CONTOSO\kim and kim@contoso.com are one user). One person's devices all sign in as that
--                        person; a shared workstation or a service account adds one or two more; five or more are
--                        several people behind the address.
--   min_user_agents = 10 distinct user agents from one client address. One person's desktop alone sends several
--                        (Outlook's MAPI, Autodiscover and OAB requests, a browser, Teams, a phone on the office
--                        Wi-Fi), so only ten or more point to many machines.
-- Connections without an SMTP dialogue and Managed Availability probes are left out; for HTTPS, connections count
-- requests. examples: up to three of the names, users or user agents that tripped the threshold, most frequent first.
WITH thresholds AS (
    SELECT 3 AS min_ehlo_names, 5 AS min_users, 10 AS min_user_agents
),
names AS (
    SELECT
        remote_ip,
        'smtp' AS source,
        'name' AS kind,
        peer_name AS value,
        count(*) AS connections
    FROM smtp_sessions
    WHERE direction = 'receive' AND tls_outcome <> 'no_dialogue' AND remote_ip IS NOT NULL
    GROUP BY remote_ip, peer_name
    UNION ALL
    SELECT
        client_ip,
        'https',
        'user',
        regexp_replace(lower(username), '^[^\\]*\\|@.*$', '', 'g'),
        sum(requests)
    FROM iis_requests
    WHERE NOT probe AND client_ip IS NOT NULL
    GROUP BY client_ip, regexp_replace(lower(username), '^[^\\]*\\|@.*$', '', 'g')
    UNION ALL
    SELECT client_ip, 'https', 'agent', user_agent, sum(requests)
    FROM iis_requests
    WHERE NOT probe AND client_ip IS NOT NULL
    GROUP BY client_ip, user_agent
),
addresses AS (
    SELECT
        remote_ip,
        source,
        CASE source WHEN 'smtp' THEN count(value) FILTER (WHERE kind = 'name') END AS peer_names_count,
        CASE source WHEN 'https' THEN count(value) FILTER (WHERE kind = 'user') END AS users_count,
        CASE source WHEN 'https' THEN count(value) FILTER (WHERE kind = 'agent') END AS user_agents_count,
        -- Every connection is counted once per kind: by name on SMTP, by user agent on HTTPS.
        sum(connections) FILTER (WHERE kind IN ('name', 'agent'))::BIGINT AS connections
    FROM names
    GROUP BY remote_ip, source
),
flagged AS (
    SELECT
        addresses.*,
        peer_names_count >= min_ehlo_names AS many_names,
        users_count >= min_users AS many_users,
        user_agents_count >= min_user_agents AS many_agents
    FROM addresses, thresholds
    WHERE peer_names_count >= min_ehlo_names OR users_count >= min_users OR user_agents_count >= min_user_agents
),
examples AS (
    SELECT
        remote_ip,
        source,
        kind,
        string_agg(value, ', ' ORDER BY connections DESC, value) FILTER (WHERE rank <= 3) AS examples
    FROM (
        SELECT *, row_number() OVER (PARTITION BY remote_ip, source, kind ORDER BY connections DESC, value) AS rank
        FROM names
        WHERE value IS NOT NULL
    )
    GROUP BY remote_ip, source, kind
)
SELECT
    f.remote_ip,
    f.source,
    f.peer_names_count,
    f.users_count,
    f.user_agents_count,
    f.connections,
    concat_ws(', ',
        CASE WHEN f.many_names THEN f.peer_names_count || ' EHLO names' END,
        CASE WHEN f.many_users THEN f.users_count || ' users' END,
        CASE WHEN f.many_agents THEN f.user_agents_count || ' user agents' END) AS reason,
    concat_ws('; ',
        CASE WHEN f.many_names THEN (SELECT examples FROM examples e
            WHERE e.remote_ip = f.remote_ip AND e.source = f.source AND e.kind = 'name') END,
        CASE WHEN f.many_users THEN (SELECT examples FROM examples e
            WHERE e.remote_ip = f.remote_ip AND e.source = f.source AND e.kind = 'user') END,
        CASE WHEN f.many_agents THEN (SELECT examples FROM examples e
            WHERE e.remote_ip = f.remote_ip AND e.source = f.source AND e.kind = 'agent') END) AS examples
FROM flagged f
ORDER BY f.connections DESC, f.source DESC, f.remote_ip;
