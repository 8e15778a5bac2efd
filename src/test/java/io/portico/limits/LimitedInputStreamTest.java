package io.portico.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    @Test
    void bodyOfExactlyTheLimitPassesUnchanged() throws IOException {
        byte[] body = bytes(1000);
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(body), 1000);

        byte[] read = in.readAllBytes();

        assertThat(read).isEqualTo(body);
    }

    @Test
    void bodyOneBytePastTheLimitFailsInBulkReads() {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(bytes(1001)), 1000);

        assertThatExceptionOfType(ContentTooLargeException.class)
                .isThrownBy(in::readAllBytes)
                .withMessage("request body exceeds 1000 bytes");
    }

    @Test
    void bodyPastTheLimitFailsInSingleByteReads() throws IOException {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(bytes(4)), 3);

        in.read();
        in.read();
        in.read();

        assertThatExceptionOfType(ContentTooLargeException.class).isThrownBy(in::read);
    }

    @Test
    void bodyPastTheLimitFailsWhenTransferred() {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(bytes(70_000)), 65_536);

        assertThatExceptionOfType(ContentTooLargeException.class)
                .isThrownBy(() -> in.transferTo(new ByteArrayOutputStream()));
    }

    @Test
    void bytesAreCountedAcrossMixedReads() throws IOException {
        InputStream in = new LimitedInputStream(new ByteArrayInputStream(bytes(10)), 9);
        byte[] buffer = new byte[4];

        in.read();
        in.read(buffer);
        in.read(buffer, 0, 4);

        assertThatExceptionOfType(ContentTooLargeException.class).isThrownBy(in::read);
    }

    @Test
    void zeroLimitAllowsOnlyAnEmptyBody() throws IOException {
        InputStream empty = new LimitedInputStream(new ByteArrayInputStream(new byte[0]), 0);
        InputStream oneByte = new LimitedInputStream(new ByteArrayInputStream(bytes(1)), 0);

        int end = empty.read();

        assertThat(end).isEqualTo(-1);
        assertThatExceptionOfType(ContentTooLargeException.class).isThrownBy(oneByte::read);
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
