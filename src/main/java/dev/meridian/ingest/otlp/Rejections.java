package dev.meridian.ingest.otlp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Collects items refused during mapping; the message names the first few, so a client can find them. Items are
 * numbered in the order of the request (see {@link AcceptedItems}).
 */
final class Rejections {

    private static final int DETAILED = 3;

    private final String itemName;
    private final List<String> reasons = new ArrayList<>(DETAILED);
    private final BitSet items = new BitSet();
    private long count;

    Rejections(String itemName) {
        this.itemName = itemName;
    }

    void reject(int item, String where, String reason) {
        if (items.get(item)) {
            return;
        }
        items.set(item);
        count++;
        if (reasons.size() < DETAILED) {
            reasons.add(where + ": " + reason);
        }
    }

    /** The numbers of the rejected items. */
    BitSet items() {
        return items;
    }

    long count() {
        return count;
    }

    String message() {
        if (count == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder().append(count).append(' ').append(itemName).append(count == 1 ? "" : "s")
                .append(" rejected: ").append(String.join("; ", reasons));
        if (count > reasons.size()) {
            text.append("; and ").append(count - reasons.size()).append(" more");
        }
        return text.toString();
    }
}
