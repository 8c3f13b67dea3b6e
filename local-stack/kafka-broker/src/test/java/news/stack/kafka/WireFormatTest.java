package news.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    static final Schema ARTICLE = new Schema.Parser().parse("""
            {"type": "record", "name": "RawArticle", "namespace": "news.test", "fields": [
              {"name": "id", "type": "string"},
              {"name": "version", "type": "long"},
              {"name": "title", "type": ["null", "string"], "default": null}
            ]}""");

    static byte[] wireFormat(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static GenericRecord article(String id, long version, String title) {
        GenericRecord record = new GenericData.Record(ARTICLE);
        record.put("id", id);
        record.put("version", version);
        record.put("title", title);
        return record;
    }

    @Test
    void decodesAValueWithTheWriterSchemaOfItsId() throws IOException {
        byte[] value = wireFormat(258, article("feed-1", 3, "Bão số 3 đổ bộ"));
        List<Integer> asked = new ArrayList<>();

        WireFormat.Decoded decoded = WireFormat.decode(value, id -> {
            asked.add(id);
            return ARTICLE;
        });

        assertThat(asked).containsExactly(258);
        assertThat(decoded.schemaId()).isEqualTo(258);
        assertThat(decoded.schemaName()).isEqualTo("news.test.RawArticle");
        assertThat(decoded.json()).isEqualTo("{\"id\": \"feed-1\", \"version\": 3, \"title\": \"Bão số 3 đổ bộ\"}");
    }

    @Test
    void tellsWireFormatFromOtherValues() throws IOException {
        assertThat(WireFormat.isWireFormat(wireFormat(1, article("a", 1, null)))).isTrue();
        assertThat(WireFormat.isWireFormat("{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(WireFormat.isWireFormat(new byte[] {0, 0, 1})).isFalse();
        assertThat(WireFormat.isWireFormat(null)).isFalse();
    }

    @Test
    void aValueThatDoesNotMatchTheSchemaIsAnErrorNotGarbage() throws IOException {
        byte[] value = wireFormat(5, article("a", 1, null));
        byte[] longer = java.util.Arrays.copyOf(value, value.length + 3);
        byte[] truncated = java.util.Arrays.copyOf(value, value.length - 1);

        assertThatThrownBy(() -> WireFormat.decode(longer, id -> ARTICLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes left over");
        assertThatThrownBy(() -> WireFormat.decode(truncated, id -> ARTICLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void tailPrintsDecodedValuesTextAndEscapedBytes() throws IOException {
        List<String> failures = new ArrayList<>();
        byte[] avro = wireFormat(7, article("x-1", 2, "t"));

        assertThat(TailTool.value(avro, id -> ARTICLE, failures))
                .isEqualTo("(schema id 7, news.test.RawArticle) {\"id\": \"x-1\", \"version\": 2, \"title\": \"t\"}");
        assertThat(TailTool.value("plain\ntext".getBytes(StandardCharsets.UTF_8), id -> ARTICLE, failures))
                .isEqualTo("plain\\ntext");
        assertThat(TailTool.value(new byte[] {1, (byte) 0xff, 'a'}, id -> ARTICLE, failures))
                .isEqualTo("\\x01\\xffa");
        assertThat(TailTool.value(null, id -> ARTICLE, failures)).isEqualTo("null (tombstone)");
        assertThat(failures).isEmpty();
        // --raw: no schemas, the wire-format bytes escaped
        assertThat(TailTool.value(avro, null, failures)).startsWith("\\x00\\x00\\x00\\x00\\x07");
    }

    @Test
    void aSchemaThatCannotBeFoundIsReportedAndTheBytesStillShown() throws IOException {
        List<String> failures = new ArrayList<>();
        byte[] avro = wireFormat(9, article("x-1", 2, null));

        String shown = TailTool.value(avro, id -> {
            throw new WireFormat.SchemaLookupException("the schema registry answered HTTP 404 for schema id " + id);
        }, failures);

        assertThat(shown).startsWith("(not decoded: the schema registry answered HTTP 404 for schema id 9) \\x00");
        assertThat(failures).containsExactly("the schema registry answered HTTP 404 for schema id 9");
    }

    @Test
    void registrySchemasFetchEachIdOnceFromTheConfluentApi() throws IOException {
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        registry.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            requests.incrementAndGet();
            boolean known = exchange.getRequestURI().getPath().endsWith("/ids/12");
            String escaped = ARTICLE.toString().replace("\\", "\\\\").replace("\"", "\\\"");
            byte[] body = (known ? "{\"schema\": \"" + escaped + "\"}" : "{\"error_code\": 40403}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            var schemas = new WireFormat.RegistrySchemas(
                    "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/ccompat/v7/");

            assertThat(schemas.byId(12)).isEqualTo(ARTICLE);
            assertThat(schemas.byId(12)).isEqualTo(ARTICLE);
            assertThatThrownBy(() -> schemas.byId(13)).isInstanceOf(WireFormat.SchemaLookupException.class)
                    .hasMessageContaining("HTTP 404").hasMessageContaining("schema id 13");
            assertThatThrownBy(() -> schemas.byId(13)).isInstanceOf(WireFormat.SchemaLookupException.class);
            assertThat(requests).hasValue(2);
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void anUnreachableRegistryIsOneClearMessage() {
        var schemas = new WireFormat.RegistrySchemas("http://127.0.0.1:1/apis/ccompat/v7");

        assertThatThrownBy(() -> schemas.byId(1)).isInstanceOf(WireFormat.SchemaLookupException.class)
                .hasMessageStartingWith("cannot reach the schema registry at http://127.0.0.1:1/apis/ccompat/v7")
                .hasMessageContaining("SCHEMA_REGISTRY_URL");
    }
}
