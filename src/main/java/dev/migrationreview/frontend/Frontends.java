package dev.migrationreview.frontend;

import dev.migrationreview.discovery.Framework;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which frontend reads which framework. A framework with no frontend is listed as not analysed. */
public final class Frontends {

    private final Map<Framework, Frontend> byFramework = new EnumMap<>(Framework.class);

    public Frontends(List<Frontend> frontends) {
        for (Frontend frontend : frontends) {
            for (Framework framework : frontend.frameworks()) {
                byFramework.put(framework, frontend);
            }
        }
    }

    public Optional<Frontend> forFramework(Framework framework) {
        return Optional.ofNullable(byFramework.get(framework));
    }
}
