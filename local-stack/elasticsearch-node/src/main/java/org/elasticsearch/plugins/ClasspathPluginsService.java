package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PluginsService that instantiates plugin classes already on the application classpath,
 * instead of loading plugin bundles from DIR/plugins and DIR/modules.
 * It lives in this package because LoadedPlugin, loadPlugin and createExtension are package-private.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        // an empty loader: the base class then finds no bundles on disk
        super(environment.settings(), environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, environment.settings(), environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getSimpleName(),
                "classpath plugin",
                "NA",
                Build.current().version(),
                Integer.toString(Runtime.version().feature()),
                pluginClass.getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false,
                PluginDescriptor.DeploymentTarget.ALL
            );
            loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    @Override
    protected final List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(classpathPlugins.stream().map(p -> new PluginRuntimeInfo(p.descriptor())).toList(), List.of());
    }

    /**
     * The base implementation scans META-INF/services once per plugin class loader. Here every plugin
     * shares the application class loader, so that would create each provider (e.g. the server's own
     * FeatureSpecifications) once per plugin. Scan once instead, and hand each provider the plugin its
     * one-argument constructor asks for, if any.
     */
    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        List<T> providers = new ArrayList<>();
        SPIClassIterator<T> classes = SPIClassIterator.get(service, ClasspathPluginsService.class.getClassLoader());
        while (classes.hasNext()) {
            Class<? extends T> providerClass = classes.next();
            Plugin owner = ownerOf(providerClass);
            if (owner != null) {
                providers.add(createExtension(providerClass, service, owner));
            }
        }
        return List.copyOf(providers);
    }

    /** The plugin to pass to a provider: the one its constructor takes, or any if it takes none; null if that plugin is absent. */
    private Plugin ownerOf(Class<?> providerClass) {
        for (Constructor<?> constructor : providerClass.getConstructors()) {
            if (constructor.getParameterCount() == 1) {
                return classpathPlugins.stream()
                    .map(LoadedPlugin::instance)
                    .filter(p -> constructor.getParameterTypes()[0].isInstance(p))
                    .findFirst()
                    .orElse(null);
            }
        }
        return classpathPlugins.isEmpty() ? null : classpathPlugins.get(0).instance();
    }
}
