package io.tlsaudit.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHeaderTest {

    @TempDir
    Path folder;

    private FileHeader header(byte[] bytes) throws Exception {
        Path file = folder.resolve("log");
        Files.write(file, bytes);
        return FileHeader.read(file);
    }

    private FileHeader header(String text) throws Exception {
        return header(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheDirectivesOfAReceiveLogWrittenWithCrlfAndAByteOrderMark() throws Exception {
        FileHeader header = header("\uFEFF#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n"
                + "#Log-type: SMTP Receive Protocol Log\r\n#Date: 2026-11-02T08:00:01.114Z\r\n"
                + "#Fields: date-time,connector-id,session-id\r\n2026-11-02T08:00:01.114Z,X,08DC\r\n");
        assertEquals(Optional.of("Microsoft Exchange Server"), header.software());
        assertEquals(Optional.of("SMTP Receive Protocol Log"), header.logType());
        assertEquals(Optional.of("2026-11-02T08:00:01.114Z"), header.date());
        assertTrue(header.isSmtpProtocolLog());
        assertFalse(header.utf16());
    }

    @Test
    void aFieldNameRowBeforeTheDirectivesDoesNotHideThem() throws Exception {
        FileHeader header = header("date-time,connector-id,session-id\n#Software: Microsoft Exchange Server\n"
                + "#Log-type: SMTP Send Protocol Log\n");
        assertEquals(Optional.of("SMTP Send Protocol Log"), header.logType());
    }

    @Test
    void aLastDirectiveWithoutLineEndInASmallFileCounts() throws Exception {
        FileHeader header =
                header("#Software: Microsoft Internet Information Services 10.0\n#Date: 2026-11-02 08:00:00");
        assertTrue(header.isIis());
        assertEquals(Optional.of("2026-11-02 08:00:00"), header.date());
    }

    @Test
    void theFirstOfRepeatedDirectivesWins() throws Exception {
        FileHeader header = header("#Software: Microsoft Exchange Server\n#Log-type: SMTP Receive Protocol Log\n"
                + "#Log-type: SMTP Send Protocol Log\n");
        assertEquals(Optional.of("SMTP Receive Protocol Log"), header.logType());
    }

    @Test
    void aUtf16FileIsToldApart() throws Exception {
        FileHeader header = header(new byte[] {(byte) 0xFF, (byte) 0xFE, '#', 0, 'S', 0});
        assertTrue(header.utf16());
        assertEquals(Optional.empty(), header.software());
    }

    @Test
    void anEmptyFileHasNoDirectives() throws Exception {
        FileHeader header = header(new byte[0]);
        assertEquals(Optional.empty(), header.software());
        assertFalse(header.isSmtpProtocolLog());
    }
}
