package dev.shardwise.shardmap.admin;

/**
 * Tells running routers that the map changed. Delivery is best effort: routers also poll the
 * control plane, so a lost notification delays a change but never hides it.
 */
@FunctionalInterface
public interface MapChangeNotifier {

    void changed(long version);

    /** For tools that run without Redis: routers will pick the change up by polling. */
    static MapChangeNotifier none() {
        return version -> { };
    }
}
