package news.pipeline.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import news.pipeline.ingest.model.InvalidArticleException;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request body with a hard limit: a declared Content-Length over the limit is refused
 * before reading, a chunked body as soon as it passes the limit, so an oversized post never sits
 * in memory whole. Text is decoded strictly: invalid bytes are an error, not replacement characters
 * that would end up in the published article.
 */
final class RequestBodies {

    private RequestBodies() {
    }

    static String read(HttpServletRequest request, DataSize limit, Charset charset) {
        long max = limit.toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw tooLarge(declared, max);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
        if (bytes.length > max) {
            throw tooLarge(-1, max);
        }
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidArticleException("body", "is not valid " + charset.name() + " text");
        }
    }

    private static PayloadTooLargeException tooLarge(long size, long max) {
        return new PayloadTooLargeException((size > 0 ? "the body has " + size + " bytes; " : "the body is larger than allowed; ")
                + "at most " + max + " bytes are accepted");
    }
}
