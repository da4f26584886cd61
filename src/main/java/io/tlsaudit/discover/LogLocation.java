package io.tlsaudit.discover;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's location says: which server wrote it and which transport service or IIS site it belongs to. By
 * default the server is the first folder under the ingested root ({@code share/EX01/...}); a fixed name or a
 * pattern over the path overrides that.
 */
public final class LogLocation {

    // Folder names of Exchange and IIS layouts: a root whose first folder is one of these holds one server's files.
    private static final Set<String> LAYOUT_FOLDERS = Set.of(
            "transportroles",
            "logs",
            "v14",
            "v15",
            "exchange server",
            "program files",
            "microsoft",
            "frontend",
            "hub",
            "edge",
            "mailbox",
            "protocollog",
            "smtpreceive",
            "smtpsend",
            "smptreceive",
            "smptsend",
            "delivery",
            "submission",
            "inetpub",
            "logfiles");

    private static final Pattern IIS_SITE = Pattern.compile("(?i)W3SVC\\d+");

    private final Optional<String> fixedServer;
    private final Optional<Pattern> serverPattern;

    /**
     * @param fixedServer {@code --server}: every file belongs to this server
     * @param serverPattern {@code --server-pattern}: its first group, matched against the path with {@code /}
     *     separators, names the server
     */
    public LogLocation(Optional<String> fixedServer, Optional<Pattern> serverPattern) {
        this.fixedServer = fixedServer;
        this.serverPattern = serverPattern;
    }

    /** The default: the server is the first folder under the root. */
    public static LogLocation byFirstFolder() {
        return new LogLocation(Optional.empty(), Optional.empty());
    }

    /** The server of {@code file} found under {@code root}; empty when the location does not say. */
    public Optional<String> server(Path root, Path file) {
        if (fixedServer.isPresent()) {
            return fixedServer;
        }
        if (serverPattern.isPresent()) {
            Matcher matcher =
                    serverPattern.get().matcher(file.toAbsolutePath().toString().replace('\\', '/'));
            if (matcher.find() && matcher.groupCount() >= 1 && matcher.group(1) != null) {
                return Optional.of(matcher.group(1));
            }
        }
        Path relative = root.relativize(file);
        if (relative.getNameCount() < 2) {
            return Optional.empty(); // directly under the root: the receive connector id names the server
        }
        String first = relative.getName(0).toString();
        if (!isLayoutFolder(first)) {
            return Optional.of(first);
        }
        // The root is one server's folder given directly (share/EX01 holding TransportRoles/...).
        Path rootName = root.toAbsolutePath().normalize().getFileName();
        if (rootName != null && !isLayoutFolder(rootName.toString())) {
            return Optional.of(rootName.toString());
        }
        return Optional.empty();
    }

    /**
     * The transport service of an SMTP log, from its folders: {@code FrontEnd}, {@code Hub}, {@code Edge},
     * {@code MailboxDelivery}, {@code MailboxSubmission}; {@code Transport} for the single service of Exchange
     * 2007/2010 and for layouts that name none.
     */
    public static String smtpService(Path root, Path file) {
        boolean mailbox = false;
        boolean sendFolder = false;
        Path relative = root.relativize(file);
        for (Path segment : relative) {
            String name = segment.toString().toLowerCase(Locale.ROOT);
            switch (name) {
                case "frontend" -> {
                    return "FrontEnd";
                }
                case "hub" -> {
                    return "Hub";
                }
                case "edge" -> {
                    return "Edge";
                }
                case "mailbox" -> mailbox = true;
                case "delivery" -> {
                    // SmtpSend\Delivery holds the Submission service's side-effect messages
                    // (docs/log-formats.md, 'SMTP log files and header').
                    if (mailbox) {
                        return sendFolder ? "MailboxSubmission" : "MailboxDelivery";
                    }
                }
                case "smtpsend" -> sendFolder = true;
                case "submission" -> {
                    if (mailbox) {
                        return "MailboxSubmission";
                    }
                }
                default -> {
                    // not a service folder
                }
            }
        }
        return mailbox ? "Mailbox" : "Transport";
    }

    /** The IIS site folder ({@code W3SVC1}) of an IIS log, or {@code W3SVC} when the path names none. */
    public static String iisSite(Path root, Path file) {
        Path relative = root.relativize(file);
        for (Path segment : relative) {
            if (IIS_SITE.matcher(segment.toString()).matches()) {
                return segment.toString().toUpperCase(Locale.ROOT);
            }
        }
        return "W3SVC";
    }

    private static boolean isLayoutFolder(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return LAYOUT_FOLDERS.contains(lower) || IIS_SITE.matcher(name).matches();
    }
}
