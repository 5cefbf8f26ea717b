package nl.vangnet.app;

import java.util.ArrayList;
import java.util.List;
import nl.vangnet.config.model.Account;
import nl.vangnet.config.model.AccountRole;
import nl.vangnet.config.store.AccountStore;
import nl.vangnet.config.store.IssuedToken;

/**
 * The demo's accounts, one per role, so that a newcomer can try every role of the admin API at once:
 * {@code demo-zorg} ({@code CARE_PROFESSIONAL} at {@value #LOCATION}, the location of the demo's clients C-1001,
 * C-1002 and C-1006), {@code demo-gedrag} ({@code BEHAVIOURAL_EXPERT}) and {@code demo-audit} ({@code AUDITOR}).
 * The {@code IT_ADMIN} of the demo is the first admin ({@link AdminBootstrap}); {@code demo-it} is created only
 * when the store has no {@code IT_ADMIN} account. Idempotent: only missing accounts are created, and only they get
 * a token, written as {@code demo-seed} through the store's audited writes. Stateless and thread-safe.
 */
final class DemoAccounts {
    /** The location of the demo's care professional. */
    static final String LOCATION = "De Linde";

    private DemoAccounts() {
    }

    /** A demo account created now, with its token to show once. */
    record Created(Account account, String secret) {
        @Override
        public String toString() {
            return "Created[" + account.name() + ", token ***]";
        }
    }

    /** Creates the missing demo accounts with a token each; returns those created, in role order. */
    static List<Created> seedMissing(AccountStore store) {
        List<Account> existing = store.accounts();
        List<Account> wanted = new ArrayList<>();
        if (existing.stream().noneMatch(a -> a.role() == AccountRole.IT_ADMIN)) {
            wanted.add(account("demo-it", AccountRole.IT_ADMIN, null));
        }
        wanted.add(account("demo-zorg", AccountRole.CARE_PROFESSIONAL, LOCATION));
        wanted.add(account("demo-gedrag", AccountRole.BEHAVIOURAL_EXPERT, null));
        wanted.add(account("demo-audit", AccountRole.AUDITOR, null));
        List<Created> created = new ArrayList<>();
        for (Account a : wanted) {
            if (existing.stream().anyMatch(e -> e.name().equals(a.name()))) {
                continue;
            }
            Account stored = store.createAccount(DemoSeed.DEMO, a, "demo data");
            IssuedToken token = store.issueToken(DemoSeed.DEMO, stored.id(), "demo", null, "demo data");
            created.add(new Created(stored, token.secret()));
        }
        return created;
    }

    private static Account account(String name, AccountRole role, String location) {
        return new Account(0, name, role, location, false, null, 0);
    }
}
