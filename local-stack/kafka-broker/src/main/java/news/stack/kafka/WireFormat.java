package news.stack.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The Confluent wire format of the pipeline's Kafka values: magic byte 0, the writer schema's id in the
 * registry (4 bytes, big-endian), then the Avro binary encoding of the value.
 */
final class WireFormat {

    static final byte MAGIC = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Finds the writer schema of an id; throws {@link SchemaLookupException} when it cannot. */
    @FunctionalInterface
    interface Schemas {
        Schema byId(int id);
    }

    static final class SchemaLookupException extends RuntimeException {
        SchemaLookupException(String message) {
            super(message);
        }
    }

    /** A decoded value: the writer schema's id and full name, and the value as JSON. */
    record Decoded(int schemaId, String schemaName, String json) {
    }

    /** True when the bytes start like a wire-format value (magic byte 0 and room for a schema id). */
    static boolean isWireFormat(byte[] value) {
        return value != null && value.length >= HEADER_LENGTH && value[0] == MAGIC;
    }

    static int schemaId(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /**
     * Decodes a wire-format value with its writer schema. Throws {@link IllegalArgumentException} when
     * the bytes are not wire format or do not match the schema (too short, or bytes left over).
     */
    static Decoded decode(byte[] value, Schemas schemas) {
        if (!isWireFormat(value)) {
            throw new IllegalArgumentException("not in the Confluent wire format (magic byte 0 + schema id)");
        }
        int id = schemaId(value);
        Schema schema = schemas.byId(id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, null);
        Object datum;
        boolean leftOver;
        try {
            datum = new GenericDatumReader<>(schema).read(null, decoder);
            leftOver = !decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("schema id " + id + " (" + schema.getFullName()
                    + ") does not match the value: " + ToolSupport.oneLine(e), e);
        }
        if (leftOver) {
            throw new IllegalArgumentException("schema id " + id + " (" + schema.getFullName()
                    + ") does not match the value: bytes left over after decoding");
        }
        return new Decoded(id, schema.getFullName(), GenericData.get().toString(datum));
    }

    /**
     * Writer schemas from a Confluent-compatible registry ({@code GET {url}/schemas/ids/{id}}), each
     * fetched once (a failed lookup too: it is not retried for every record).
     */
    static final class RegistrySchemas implements Schemas {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final String url;
        private final HttpClient http;
        private final Map<Integer, Schema> cache = new HashMap<>();
        private final Map<Integer, SchemaLookupException> failures = new HashMap<>();

        RegistrySchemas(String url) {
            this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }

        @Override
        public Schema byId(int id) {
            Schema cached = cache.get(id);
            if (cached != null) {
                return cached;
            }
            SchemaLookupException failed = failures.get(id);
            if (failed != null) {
                throw failed;
            }
            try {
                Schema schema = fetch(id);
                cache.put(id, schema);
                return schema;
            } catch (SchemaLookupException e) {
                failures.put(id, e);
                throw e;
            }
        }

        private Schema fetch(int id) {
            URI uri = URI.create(url + "/schemas/ids/" + id);
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new SchemaLookupException("cannot reach the schema registry at " + url + ": "
                        + ToolSupport.oneLine(e) + " (set SCHEMA_REGISTRY_URL)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaLookupException("interrupted while asking the schema registry for id " + id);
            }
            if (response.statusCode() != 200) {
                throw new SchemaLookupException("the schema registry answered HTTP " + response.statusCode()
                        + " for schema id " + id + " (" + uri + ")");
            }
            JsonNode schema;
            try {
                schema = JSON.readTree(response.body()).get("schema");
            } catch (IOException e) {
                throw new SchemaLookupException("the schema registry's answer for id " + id + " is not JSON");
            }
            if (schema == null || !schema.isTextual()) {
                throw new SchemaLookupException("the schema registry's answer for id " + id + " has no schema");
            }
            try {
                return new Schema.Parser().parse(schema.asText());
            } catch (RuntimeException e) {
                throw new SchemaLookupException("schema id " + id + " is not a usable Avro schema: " + ToolSupport.oneLine(e));
            }
        }
    }
}
