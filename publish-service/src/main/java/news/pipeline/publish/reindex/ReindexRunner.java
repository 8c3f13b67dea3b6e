package news.pipeline.publish.reindex;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * {@code java -jar publish-service.jar --reindex [--delete-old-index]}: rebuilds the index from the
 * enriched topic, swaps the alias, and exits (0 on success). The live service may keep running meanwhile.
 */
public class ReindexRunner implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(ReindexRunner.class);

    private final Reindexer reindexer;
    private final ReindexSettings settings;
    private final String alias;
    private int exitCode = 1;
    private Reindexer.Result result;

    public ReindexRunner(Reindexer reindexer, ReindexSettings settings, String alias) {
        this.reindexer = reindexer;
        this.settings = settings;
        this.alias = alias;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        boolean deleteOld = settings.deleteOldIndex() || args.containsOption("delete-old-index");
        result = reindexer.reindex(new Reindexer.Options(deleteOld, (old, fresh) -> { }));
        log.info("alias {} now on {} (was {}{})", alias, result.newIndex(), result.oldIndices(),
                result.oldIndicesDeleted() ? ", deleted" : "");
        exitCode = 0;
    }

    public Reindexer.Result result() {
        return result;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
