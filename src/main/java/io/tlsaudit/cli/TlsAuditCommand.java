package io.tlsaudit.cli;

public class TlsAuditCommand {
    public static void main(String[] args) {
        System.out.println("hi");
    }
}
