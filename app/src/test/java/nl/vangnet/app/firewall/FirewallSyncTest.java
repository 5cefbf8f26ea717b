package nl.vangnet.app.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import nl.vangnet.config.model.Basis;
import nl.vangnet.config.model.CareRole;
import nl.vangnet.config.model.Client;
import nl.vangnet.config.model.Device;
import nl.vangnet.config.model.Person;
import nl.vangnet.config.model.Profile;
import nl.vangnet.config.model.Registration;
import nl.vangnet.config.model.Risk;
import nl.vangnet.config.model.Rule;
import nl.vangnet.config.model.Weighing;
import nl.vangnet.config.model.Withdrawal;
import nl.vangnet.config.model.WithdrawalKind;
import nl.vangnet.config.policy.PolicySnapshot;
import nl.vangnet.config.policy.SnapshotCompiler;
import nl.vangnet.config.policy.SnapshotPublisher;
import nl.vangnet.config.rules.Limits;
import nl.vangnet.config.store.PolicyData;
import org.junit.jupiter.api.Test;

class FirewallSyncTest {
    static final Limits LIMITS = Limits.DEFAULTS;
    static final Instant IN_EFFECT = Instant.parse("2026-02-01T12:00:00Z");
    /** After the evaluation date (2026-03-01) without an evaluation: the registration has lapsed. */
    static final Instant LAPSED = Instant.parse("2026-03-10T12:00:00Z");

    /** Records every script; fails while {@link #failures} is positive. */
    static final class RecordingNft implements NftCommand {
        final List<String> scripts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void run(String script) throws IOException {
            scripts.add(script);
            if (failures.getAndDecrement() > 0) {
                throw new IOException("nft exited with 1: Error: No such file or directory");
            }
        }
    }

    static final class CountingMetrics implements FirewallMetrics {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger members = new AtomicInteger(-1);

        @Override
        public void applied(int count) {
            applied.incrementAndGet();
            members.set(count);
        }

        @Override
        public void failed() {
            failed.incrementAndGet();
        }
    }

    private final RecordingNft nft = new RecordingNft();
    private final CountingMetrics metrics = new CountingMetrics();
    private final FirewallSync sync = new FirewallSync("vangnet", nft, metrics);

    static Client client(long id) {
        return new Client(id, "C-" + id, "dossier-" + id, "Huis " + id, 1);
    }

    static Device device(long id, long clientId, List<String> macs, List<String> ips) {
        return new Device(id, clientId, "device " + id, macs, ips, null, null, 1);
    }

    static Registration registration(long id, long clientId, Withdrawal withdrawal) {
        return new Registration(id, clientId, Basis.WZD, "dossier/" + id, new Person(CareRole.ZORGVERANTWOORDELIJKE,
                "ZV-1"), LocalDate.parse("2026-01-01"), 100, LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-06-01"), Set.of(Risk.GAMBLING),
                new Weighing("harm", "subsidiarity", "proportionality", "effectiveness", "safety"), null,
                List.of(new Person(CareRole.GEDRAGSDESKUNDIGE, "GD-1")), List.of(), List.of(), withdrawal, null, 1);
    }

    static final Profile PROFILE = new Profile(100, "casino dicht", null, List.of(), List.of(),
            List.of(Rule.always("casino.example", Risk.GAMBLING)), List.of(), false, List.of(), false, 1);

    /**
     * Client 1 (restricted unless withdrawn) has a phone (IPv4 + IPv6 + MAC in upper case) and a console (MAC
     * only); client 2 has no registration; client 3 is restricted with a device on an IPv4-mapped address.
     */
    static PolicyData data(long dataVersion, Withdrawal withdrawalOfClient1, String extraIpOfClient1) {
        List<String> ips = new ArrayList<>(List.of("192.168.77.10", "2001:DB8:0:0:0:0:0:10"));
        if (extraIpOfClient1 != null) {
            ips.add(extraIpOfClient1);
        }
        return new PolicyData(List.of(client(1), client(2), client(3)),
                List.of(device(11, 1, List.of("02:00:5E:10:00:01"), ips),
                        device(12, 1, List.of("02:00:5e:10:00:02"), List.of()),
                        device(21, 2, List.of("02:00:5e:10:00:03"), List.of("192.168.77.20", "2001:db8::20")),
                        device(31, 3, List.of(), List.of("::ffff:192.168.77.30"))),
                List.of(PROFILE), List.of(registration(1, 1, withdrawalOfClient1), registration(3, 3, null)),
                dataVersion);
    }

    static PolicySnapshot snapshot(PolicyData data, long version, Instant at) {
        return SnapshotCompiler.compile(data, version, at, LIMITS);
    }

    static final String FULL = """
            flush set inet vangnet restricted_v4
            flush set inet vangnet restricted_v6
            flush set inet vangnet restricted_mac
            add element inet vangnet restricted_v4 { 192.168.77.10, 192.168.77.30 }
            add element inet vangnet restricted_v6 { 2001:db8::10 }
            add element inet vangnet restricted_mac { 02:00:5e:10:00:01, 02:00:5e:10:00:02 }
            """;

    static final String ONLY_CLIENT_3 = """
            flush set inet vangnet restricted_v4
            flush set inet vangnet restricted_v6
            flush set inet vangnet restricted_mac
            add element inet vangnet restricted_v4 { 192.168.77.30 }
            """;

    @Test
    void appliesTheRestrictedDevicesAddressesAndLowerCasedMacsOnly() {
        assertThat(sync.apply(snapshot(data(1, null, null), 1, IN_EFFECT))).isTrue();
        assertThat(nft.scripts).containsExactly(FULL);
        assertThat(metrics.applied).hasValue(1);
        assertThat(metrics.members).hasValue(5);
    }

    @Test
    void anEqualSetIsNotAppliedAgainButAChangeIs() {
        sync.apply(snapshot(data(1, null, null), 1, IN_EFFECT));
        sync.apply(snapshot(data(2, null, null), 2, IN_EFFECT.plusSeconds(60)));
        assertThat(nft.scripts).hasSize(1);
        sync.apply(snapshot(data(3, null, "10.1.2.3"), 3, IN_EFFECT));
        assertThat(nft.scripts).hasSize(2);
        assertThat(nft.scripts.get(1)).contains("restricted_v4 { 10.1.2.3, 192.168.77.10, 192.168.77.30 }");
    }

    @Test
    void withdrawnAndLapsedDevicesLeaveTheSets() {
        sync.apply(snapshot(data(1, null, null), 1, IN_EFFECT));
        Withdrawal withdrawn = new Withdrawal(WithdrawalKind.CONSENT_WITHDRAWN, IN_EFFECT.minusSeconds(3600),
                new Person(CareRole.CLIENT, "client"), null);
        sync.apply(snapshot(data(2, withdrawn, null), 2, IN_EFFECT));
        assertThat(nft.scripts).hasSize(2);
        assertThat(nft.scripts.get(1)).isEqualTo(ONLY_CLIENT_3);

        sync.apply(snapshot(data(3, null, null), 3, IN_EFFECT));
        assertThat(nft.scripts.get(2)).isEqualTo(FULL);
        sync.apply(snapshot(data(3, null, null), 4, LAPSED));
        assertThat(nft.scripts.get(3)).isEqualTo("""
                flush set inet vangnet restricted_v4
                flush set inet vangnet restricted_v6
                flush set inet vangnet restricted_mac
                """);
        assertThat(metrics.members).hasValue(0);
    }

    @Test
    void aFailureIsCountedAndRetriedOnTheNextSnapshot() {
        nft.failures.set(1);
        assertThat(sync.apply(snapshot(data(1, null, null), 1, IN_EFFECT))).isFalse();
        assertThat(metrics.failed).hasValue(1);
        assertThat(metrics.applied).hasValue(0);
        assertThat(sync.apply(snapshot(data(1, null, null), 2, IN_EFFECT))).isTrue();
        assertThat(nft.scripts).containsExactly(FULL, FULL);
        assertThat(metrics.applied).hasValue(1);
    }

    @Test
    void theFirstSnapshotWithNobodyRestrictedStillEmptiesTheSets() {
        sync.apply(snapshot(PolicyData.empty(), 0, IN_EFFECT));
        assertThat(nft.scripts).hasSize(1);
        assertThat(nft.scripts.get(0)).doesNotContain("add element");
    }

    @Test
    void startAppliesTheCurrentSnapshotAndThePublishedOnesOnTheSyncThread() throws Exception {
        AtomicReference<PolicyData> store = new AtomicReference<>(PolicyData.empty());
        CountDownLatch full = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        FirewallSync started = new FirewallSync("vangnet", script -> {
            nft.run(script);
            thread.set(Thread.currentThread().getName());
            if (script.equals(FULL)) {
                full.countDown();
            }
        }, metrics);
        try (SnapshotPublisher publisher = new SnapshotPublisher(store::get, LIMITS,
                Clock.fixed(IN_EFFECT, ZoneOffset.UTC))) {
            started.start(publisher);
            store.set(data(1, null, null));
            publisher.refresh();
            // the initial empty snapshot and this one may be coalesced into one run: wait for the full sets
            assertThat(full.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.get()).isEqualTo(FirewallSync.THREAD_NAME);
        } finally {
            started.close();
        }
    }
}
