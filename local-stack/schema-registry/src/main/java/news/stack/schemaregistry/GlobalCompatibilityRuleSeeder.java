package news.stack.schemaregistry;

import java.util.Locale;
import java.util.Optional;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.ObservesAsync;
import javax.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.apicurio.registry.storage.RegistryStorage;
import io.apicurio.registry.storage.RuleAlreadyExistsException;
import io.apicurio.registry.storage.RuleNotFoundException;
import io.apicurio.registry.storage.StorageEvent;
import io.apicurio.registry.storage.StorageEventType;
import io.apicurio.registry.storage.dto.RuleConfigurationDto;
import io.apicurio.registry.types.Current;
import io.apicurio.registry.types.RuleType;

/**
 * Stores the configured default global COMPATIBILITY rule once the storage is ready.
 *
 * <p>{@code registry.rules.global.compatibility} alone already makes Apicurio enforce the level
 * on every subject without a rule of its own, but the Confluent-compatible
 * {@code GET /apis/ccompat/v7/config} reads only a stored global rule and would answer
 * {@code NONE}. Storing it makes that endpoint report what is enforced, as Confluent does.
 * A rule already stored (e.g. set through {@code PUT /config}) is left alone.
 */
@ApplicationScoped
public class GlobalCompatibilityRuleSeeder {

    private static final Logger LOG = Logger.getLogger(GlobalCompatibilityRuleSeeder.class);

    @Inject
    @Current
    RegistryStorage storage;

    @ConfigProperty(name = "registry.rules.global.compatibility")
    Optional<String> level;

    void onStorageReady(@ObservesAsync StorageEvent event) {
        if (event.getType() != StorageEventType.READY || level.isEmpty()) {
            return;
        }
        String value = level.get().trim().toUpperCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("NONE")) {
            return;
        }
        try {
            storage.getGlobalRule(RuleType.COMPATIBILITY);
        } catch (RuleNotFoundException notStoredYet) {
            try {
                storage.createGlobalRule(RuleType.COMPATIBILITY, new RuleConfigurationDto(value));
                LOG.infof("Global COMPATIBILITY rule stored: %s", value);
            } catch (RuleAlreadyExistsException raced) {
                // stored concurrently: fine
            }
        }
    }
}
