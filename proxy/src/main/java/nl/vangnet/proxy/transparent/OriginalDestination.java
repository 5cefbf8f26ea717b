package nl.vangnet.proxy.transparent;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where an accepted client connection was going before the gateway's firewall redirected it to the transparent
 * listener. Production uses {@link NetfilterOriginalDestination} (nftables {@code redirect}/DNAT); tests supply their
 * own. Implementations are thread-safe and fast (called once per connection, on its I/O thread).
 */
@FunctionalInterface
public interface OriginalDestination {

    /** Never knows the original destination: every connection is decided on its SNI/Host alone. */
    OriginalDestination NONE = ch -> Optional.empty();

    /**
     * The original destination of {@code accepted}, or empty when it is not known (not redirected, not an epoll
     * channel, or the lookup failed).
     */
    Optional<InetSocketAddress> of(Channel accepted);
}
