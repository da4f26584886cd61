package io.tlsaudit.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # '**' at the start: any depth, none included
            **/SmtpReceive/*.LOG            | SmtpReceive/RECV2024031210-1.LOG                                        | true
            **/SmtpReceive/*.LOG            | EX01/TransportRoles/Logs/FrontEnd/ProtocolLog/SmtpReceive/RECV2024031210-1.LOG | true
            **/SmtpReceive/*.LOG            | EX01/SmtpReceive/old/RECV2024031210-1.LOG                               | false
            **/SmtpReceive/*.LOG            | EX01/SmtpSend/SEND2024031210-1.LOG                                      | false
            **/SmtpReceive/*.LOG            | EX01/NotSmtpReceive/RECV2024031210-1.LOG                                | false
            # '**' at the end: everything below the folder, the folder's namesakes not
            EX01/**                         | EX01/RECV2024031210-1.LOG                                               | true
            EX01/**                         | EX01/TransportRoles/Logs/Hub/ProtocolLog/SmtpSend/SEND2024031210-1.LOG | true
            EX01/**                         | EX02/RECV2024031210-1.LOG                                               | false
            EX01/**                         | EX010/RECV2024031210-1.LOG                                              | false
            # '**' in the middle: zero or more folders between
            EX01/**/SmtpSend/*.LOG          | EX01/SmtpSend/SEND2024031210-1.LOG                                      | true
            EX01/**/SmtpSend/*.LOG          | EX01/TransportRoles/Logs/Hub/ProtocolLog/SmtpSend/SEND2024031210-1.LOG | true
            EX01/**/SmtpSend/*.LOG          | EX02/TransportRoles/Logs/Hub/ProtocolLog/SmtpSend/SEND2024031210-1.LOG | false
            # '**' within a name crosses folders, as java.nio's glob does
            EX01**.LOG                      | EX01/Logs/RECV2024031210-1.LOG                                          | true
            # '*' and '?' stay within one name
            *.LOG                           | RECV2024031210-1.LOG                                                    | true
            *.LOG                           | EX01/RECV2024031210-1.LOG                                               | false
            RECV2024031210-?.LOG            | RECV2024031210-1.LOG                                                    | true
            RECV2024031210-?.LOG            | RECV2024031210-12.LOG                                                   | false
            EX01?RECV.LOG                   | EX01/RECV.LOG                                                           | false
            # alternatives and classes
            {EX01,EX02}/**                  | EX02/u_ex240312.log                                                     | true
            {EX01,EX02}/**                  | EX03/u_ex240312.log                                                     | false
            **/{SmtpReceive,SmtpSend}/*     | EX01/Hub/SmtpSend/SEND2024031210-1.LOG                                  | true
            EX0[1-2]/*                      | EX02/RECV.LOG                                                           | true
            EX0[1-2]/*                      | EX03/RECV.LOG                                                           | false
            EX0[!1]/*                       | EX03/RECV.LOG                                                           | true
            EX0[!1]/*                       | EX01/RECV.LOG                                                           | false
            # names compare as on Windows, where the logs were written: case ignored, non-ASCII included
            **/smtpreceive/*.log            | EX01/SmtpReceive/RECV2024031210-1.LOG                                   | true
            EX02-MÜNCHEN/**                 | EX02-München/RECV2024031210-1.LOG                                       | true
            # other characters are literal; a backslash quotes a special one
            RECV (2).LOG                    | RECV (2).LOG                                                            | true
            RECV.LOG                        | RECVxLOG                                                                | false
            \\[old\\]/*                     | [old]/RECV.LOG                                                          | true
            # a glob that matches a folder stands for everything in it
            EX01                            | EX01/TransportRoles/Logs/RECV2024031210-1.LOG                           | true
            **/W3SVC1                       | EX01/inetpub/logs/LogFiles/W3SVC1/u_ex240312.log                        | true
            **/W3SVC1                       | EX01/inetpub/logs/LogFiles/W3SVC10/u_ex240312.log                       | false
            """)
    void matchesThePathBelowTheRoot(String glob, String path, boolean expected) {
        assertEquals(expected, PathGlob.compile(glob).matches(path), glob + " against " + path);
    }

    @ParameterizedTest(name = "{0} covers folder {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            EX01/**                          | EX01                                 | true
            EX01/**                          | EX01/TransportRoles                  | true
            EX01/**                          | EX02                                 | false
            **/System Volume Information     | System Volume Information            | true
            **/System Volume Information     | EX01/System Volume Information       | true
            **/System Volume Information/**  | EX01/System Volume Information       | true
            **/SmtpReceive/*.LOG             | EX01/SmtpReceive                     | false
            *.LOG                            | EX01                                 | false
            **                               | EX01                                 | true
            """)
    void tellsWhenEverythingBelowAFolderMatches(String glob, String folder, boolean expected) {
        assertEquals(expected, PathGlob.compile(glob).matchesAllBelow(folder), glob + " over " + folder);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            /EX01/**        | starts with /
            EX01\\Logs\\**  | folders are separated by /
            {a,{b,c}}       | { inside {...}
            {EX01,EX02/**   | { without its }
            EX0[12/*        | [ without its ]
            """)
    void rejectsGlobsThatCannotMeanWhatWasWritten(String glob, String expected) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> PathGlob.compile(glob));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
        assertTrue(failure.getMessage().contains(glob), "names the glob: " + failure.getMessage());
    }

    @Test
    void rejectsAnEmptyGlob() {
        assertEquals(
                "empty glob",
                assertThrows(IllegalArgumentException.class, () -> PathGlob.compile(""))
                        .getMessage());
    }
}
