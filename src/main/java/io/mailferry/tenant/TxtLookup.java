package io.mailferry.tenant;

import java.util.List;

/**
 * Public DNS as Microsoft sees it when it verifies a domain: the TXT strings published at {@code name}
 * (multi-string records joined), empty when there are none. Throws when the lookup itself fails.
 */
@FunctionalInterface
public interface TxtLookup {
    List<String> txt(String name);
}
