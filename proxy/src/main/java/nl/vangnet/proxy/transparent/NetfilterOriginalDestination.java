package nl.vangnet.proxy.transparent;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The original destination of a connection that netfilter redirected ({@code nft ... redirect to :port} or DNAT),
 * read with {@code getsockopt(fd, SOL_IP, SO_ORIGINAL_DST)} — for an IPv6 socket
 * {@code getsockopt(fd, SOL_IPV6, IP6T_SO_ORIGINAL_DST)} — through JNA on the epoll channel's file descriptor. Linux
 * only; requires the conntrack entry of the connection (any NAT rule creates one). Empty when the channel is not an
 * epoll channel, when the call fails (a connection that was not redirected has no NAT entry: {@code ENOENT}), and when
 * the answer is the listener's own local address (conntrack without NAT). An IPv4 listener must use an IPv4 socket
 * (the {@link TransparentListener} binds IPv4 addresses with IPv4 sockets): an IPv4 connection accepted on a
 * dual-stack IPv6 socket has no IPv6 conntrack entry. Thread-safe (stateless).
 */
public final class NetfilterOriginalDestination implements OriginalDestination {
    static final int SOL_IP = 0;
    static final int SOL_IPV6 = 41;
    static final int SO_ORIGINAL_DST = 80;
    static final int IP6T_SO_ORIGINAL_DST = 80;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCKADDR_IN_LENGTH = 16;
    private static final int SOCKADDR_IN6_LENGTH = 28;

    /** The C library's {@code getsockopt}. */
    interface LibC extends Library {
        int getsockopt(int fd, int level, int optname, Pointer optval, IntByReference optlen)
                throws LastErrorException;
    }

    private final LibC libc;

    /** Loads the C library through JNA. */
    public NetfilterOriginalDestination() {
        this.libc = Native.load("c", LibC.class);
    }

    @Override
    public Optional<InetSocketAddress> of(Channel accepted) {
        if (!(accepted instanceof EpollSocketChannel epoll) || !epoll.isOpen()) {
            return Optional.empty();
        }
        InetSocketAddress local = (InetSocketAddress) accepted.localAddress();
        if (local == null) {
            return Optional.empty();
        }
        boolean v6 = local.getAddress() instanceof Inet6Address;
        Optional<InetSocketAddress> original = lookup(epoll.fd().intValue(), v6);
        return original.filter(o -> !sameEndpoint(o, local));
    }

    private Optional<InetSocketAddress> lookup(int fd, boolean v6) {
        int length = v6 ? SOCKADDR_IN6_LENGTH : SOCKADDR_IN_LENGTH;
        Memory address = new Memory(length);
        address.clear();
        IntByReference len = new IntByReference(length);
        try {
            libc.getsockopt(fd, v6 ? SOL_IPV6 : SOL_IP, v6 ? IP6T_SO_ORIGINAL_DST : SO_ORIGINAL_DST, address, len);
        } catch (LastErrorException e) {
            return Optional.empty();
        }
        return parse(address.getByteArray(0, Math.min(length, len.getValue())));
    }

    /**
     * A {@code struct sockaddr_in} or {@code sockaddr_in6} as bytes: family in host byte order (little-endian on the
     * platforms Netty's epoll transport ships for; both orders are accepted), port and address in network order.
     */
    static Optional<InetSocketAddress> parse(byte[] sockaddr) {
        if (sockaddr.length < 2) {
            return Optional.empty();
        }
        int family = (sockaddr[0] & 0xFF) | (sockaddr[1] & 0xFF) << 8;
        int familyBigEndian = (sockaddr[0] & 0xFF) << 8 | (sockaddr[1] & 0xFF);
        try {
            if ((family == AF_INET || familyBigEndian == AF_INET) && sockaddr.length >= 8) {
                int port = (sockaddr[2] & 0xFF) << 8 | (sockaddr[3] & 0xFF);
                byte[] ip = {sockaddr[4], sockaddr[5], sockaddr[6], sockaddr[7]};
                return port == 0 ? Optional.empty()
                        : Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
            }
            if ((family == AF_INET6 || familyBigEndian == AF_INET6) && sockaddr.length >= 24) {
                int port = (sockaddr[2] & 0xFF) << 8 | (sockaddr[3] & 0xFF);
                byte[] ip = new byte[16];
                System.arraycopy(sockaddr, 8, ip, 0, 16);
                return port == 0 ? Optional.empty()
                        : Optional.of(new InetSocketAddress(InetAddress.getByAddress(ip), port));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always a valid address", e);
        }
        return Optional.empty();
    }

    private static boolean sameEndpoint(InetSocketAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && java.util.Arrays.equals(plain(a.getAddress()), plain(b.getAddress()));
    }

    /** The address bytes, IPv4-mapped IPv6 as IPv4. */
    private static byte[] plain(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            boolean mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                return new byte[] {b[12], b[13], b[14], b[15]};
            }
        }
        return b;
    }
}
