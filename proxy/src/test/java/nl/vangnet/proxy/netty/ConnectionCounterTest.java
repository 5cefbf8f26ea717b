package nl.vangnet.proxy.netty;

import static nl.vangnet.proxy.netty.ConnectionCounter.Admission.ADMITTED;
import static nl.vangnet.proxy.netty.ConnectionCounter.Admission.CLIENT_LIMIT;
import static nl.vangnet.proxy.netty.ConnectionCounter.Admission.TOTAL_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionCounterTest {
    private static final InetAddress A = address("127.0.0.2");
    private static final InetAddress B = address("127.0.0.3");
    private static final InetAddress C = address("127.0.0.4");

    @Test
    void admitsUpToThePerClientLimitAndCountsOnlyAdmittedConnections() {
        ConnectionCounter counter = new ConnectionCounter(2, 10);

        assertThat(counter.acquire(A)).isEqualTo(ADMITTED);
        assertThat(counter.acquire(A)).isEqualTo(ADMITTED);
        assertThat(counter.acquire(A)).isEqualTo(CLIENT_LIMIT);
        assertThat(counter.acquire(B)).isEqualTo(ADMITTED);
        assertThat(counter.open(A)).isEqualTo(2);
        assertThat(counter.open()).isEqualTo(3);

        counter.release(A);
        assertThat(counter.acquire(A)).isEqualTo(ADMITTED);
    }

    @Test
    void admitsUpToTheTotalLimit() {
        ConnectionCounter counter = new ConnectionCounter(2, 3);

        assertThat(counter.acquire(A)).isEqualTo(ADMITTED);
        assertThat(counter.acquire(A)).isEqualTo(ADMITTED);
        assertThat(counter.acquire(B)).isEqualTo(ADMITTED);
        assertThat(counter.acquire(C)).isEqualTo(TOTAL_LIMIT);
        assertThat(counter.acquire(A)).isEqualTo(TOTAL_LIMIT);
        assertThat(counter.open()).isEqualTo(3);

        counter.release(B);
        assertThat(counter.acquire(C)).isEqualTo(ADMITTED);
    }

    @Test
    void forgetsAddressesWithoutOpenConnections() {
        ConnectionCounter counter = new ConnectionCounter(5, 5);
        counter.acquire(A);
        counter.acquire(B);
        counter.release(A);
        counter.release(B);

        assertThat(counter.clients()).isZero();
        assertThat(counter.open()).isZero();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new ConnectionCounter(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectionCounter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
