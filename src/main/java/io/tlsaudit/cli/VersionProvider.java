package io.tlsaudit.cli;

import picocli.CommandLine;

/** The version from the jar manifest, written by the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = TlsAuditCommand.class.getPackage().getImplementationVersion();
        return new String[] {"tlsaudit " + (version == null ? "(development build)" : version)};
    }
}
