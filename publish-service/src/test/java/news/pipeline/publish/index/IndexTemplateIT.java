package news.pipeline.publish.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.publish.support.Es;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** On startup the service puts the template in place and creates articles-v1 behind the alias. */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexTemplateIT {

    private TestSetup setup;
    private Es es;
    private ConfigurableApplicationContext app;

    @BeforeAll
    void startService(Endpoints servers) {
        setup = TestSetup.create(servers, "template");
        es = setup.es;
        app = setup.startApp(Map.of("publish.index.codec", "best_compression", "publish.index.gc-deletes", "2d"));
        setup.awaitIndexReady();
    }

    @AfterAll
    void cleanUp() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void theTemplateCoversTheVersionedIndices() {
        JsonNode template = es.get("/_index_template/" + setup.templateName).body()
                .get("index_templates").get(0).get("index_template");

        assertThat(template.get("index_patterns").get(0).asString()).isEqualTo(setup.indexPrefix + "*");
        assertThat(template.get("template").get("mappings").get("dynamic").asString()).isEqualTo("strict");
    }

    @Test
    void theAliasPointsAtVersionOneWhichIsItsWriteIndex() {
        JsonNode aliases = es.get("/_alias/" + setup.alias).body();

        assertThat(names(aliases)).containsExactly(setup.indexPrefix + "1");
        assertThat(aliases.get(setup.indexPrefix + "1").get("aliases").get(setup.alias).get("is_write_index").asBoolean())
                .isTrue();
    }

    @Test
    void anIndexMadeFromAnOlderTemplateLearnsTheFieldsAddedSince() throws Exception {
        IndexManager manager = app.getBean(IndexManager.class);
        // today's template without the field added last, on an index outside the template's pattern
        JsonNode template = JsonMapper.shared().readTree(manager.templateJson()).get("template");
        ((ObjectNode) template.get("mappings").get("properties")).remove("enrichmentRevision");
        String legacy = "legacy-" + setup.indexPrefix;
        assertThat(es.put("/" + legacy, template.toString()).status()).isEqualTo(200);
        try {
            manager.putMapping(legacy);

            JsonNode properties = es.get("/" + legacy + "/_mapping").body().get(legacy).get("mappings").get("properties");
            assertThat(type(properties, "enrichmentRevision")).isEqualTo("integer");
            assertThat(type(properties, "headline")).isEqualTo("text");
        } finally {
            es.delete("/" + legacy);
        }
    }

    @Test
    void theIndexHasTheTemplatesSettings() {
        JsonNode settings = es.get("/" + setup.alias + "/_settings").body()
                .get(setup.indexPrefix + "1").get("settings").get("index");

        assertThat(settings.get("codec").asString()).isEqualTo("best_compression");
        assertThat(settings.get("gc_deletes").asString()).isEqualTo("2d");
        assertThat(settings.get("number_of_replicas").asString()).isEqualTo("0");
        assertThat(settings.get("analysis").get("analyzer").get("news_text").get("filter").toString())
                .contains("lowercase", "folding_preserve_original");
    }

    @Test
    void theMappingIsStrictAndTypesEveryContractField() {
        JsonNode properties = es.get("/" + setup.alias + "/_mapping").body()
                .get(setup.indexPrefix + "1").get("mappings").get("properties");

        assertThat(type(properties, "id")).isEqualTo("keyword");
        assertThat(type(properties, "version")).isEqualTo("long");
        assertThat(type(properties, "headline")).isEqualTo("text");
        assertThat(properties.get("headline").get("analyzer").asString()).isEqualTo("news_text");
        assertThat(properties.get("headline").get("search_analyzer").asString()).isEqualTo("news_text_search");
        assertThat(type(properties, "body")).isEqualTo("text");
        for (String keyword : List.of("feed", "language", "section", "categoryCodes", "keywords", "slug", "url")) {
            assertThat(type(properties, keyword)).as(keyword).isEqualTo("keyword");
        }
        assertThat(type(properties, "categories")).isEqualTo("nested");
        for (String date : List.of("publishedAt", "firstCreated", "receivedAt", "enrichedAt")) {
            assertThat(type(properties, date)).as(date).isEqualTo("date");
        }
        JsonNode audio = properties.get("audio").get("properties");
        assertThat(type(audio, "durationSeconds")).isEqualTo("float");
        assertThat(type(audio, "channels")).isEqualTo("byte");
        assertThat(type(audio, "recordingDate")).isEqualTo("date");
        assertThat(properties.get("related").get("properties").has("url")).isTrue();
        assertThat(properties.get("sourceLinks").get("properties").has("publishedAt")).isTrue();
    }

    @Test
    void fullTextFieldsKeepTheVietnameseFormAndAddTheFoldedOne() {
        JsonNode tokens = analyze("{\"field\": \"headline\", \"text\": \"Đẩy mạnh quy chế dân chủ\"}");

        List<String> terms = new ArrayList<>();
        tokens.forEach(t -> terms.add(t.get("token").asString()));
        assertThat(terms).contains("đẩy", "day", "mạnh", "manh", "quy", "chế", "che", "dân", "dan", "chủ", "chu");
    }

    @Test
    void queriesAreAnalysedWithoutFoldingSoAccentedQueriesStayExact() {
        JsonNode tokens = analyze("{\"field\": \"headline\", \"text\": \"quy chế\"}");
        // index analyzer is used by _analyze with a field; the search analyzer is checked by name
        JsonNode search = analyze("{\"analyzer\": \"news_text_search\", \"text\": \"Quy Chế\"}");

        assertThat(tokens.size()).isGreaterThan(2);
        assertThat(search.size()).isEqualTo(2);
        assertThat(search.get(1).get("token").asString()).isEqualTo("chế");
    }

    @Test
    void aDocumentWithAFieldOutsideTheContractIsRefused() {
        Es.Response r = es.put("/" + setup.alias + "/_doc/strict-check?require_alias=true",
                "{\"id\": \"strict-check\", \"surprise\": 1}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").get("type").asString()).isEqualTo("strict_dynamic_mapping_exception");
    }

    private JsonNode analyze(String body) {
        Es.Response r = es.post("/" + setup.alias + "/_analyze", body);
        assertThat(r.status()).as("_analyze %s answered %s", body, r.body()).isEqualTo(200);
        return r.body().get("tokens");
    }

    private static String type(JsonNode properties, String field) {
        return properties.get(field).get("type").asString();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}
