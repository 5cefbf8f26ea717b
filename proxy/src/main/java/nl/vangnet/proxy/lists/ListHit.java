package nl.vangnet.proxy.lists;

import java.util.Objects;

/**
 * Why a host matched a list: which list, and which entry of it.
 *
 * @param listId  the list's id, e.g. {@code gambling} or {@code service:tiktok}
 * @param matched the listed name that matched: the host itself, a parent domain (for {@code a.b.example.com} a
 *                hit on {@code example.com} reports {@code example.com}), or a URL entry {@code host/path}
 */
public record ListHit(String listId, String matched) {
    public ListHit {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(matched, "matched");
    }
}
