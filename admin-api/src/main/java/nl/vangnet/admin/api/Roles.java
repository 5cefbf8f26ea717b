package nl.vangnet.admin.api;

import static nl.vangnet.config.model.AccountRole.AUDITOR;
import static nl.vangnet.config.model.AccountRole.BEHAVIOURAL_EXPERT;
import static nl.vangnet.config.model.AccountRole.CARE_PROFESSIONAL;
import static nl.vangnet.config.model.AccountRole.IT_ADMIN;

import java.util.Set;
import nl.vangnet.config.model.AccountRole;

/** The role sets of the core API's routes, in one place (docs/admin-api.md's table is checked against them). */
final class Roles {
    /** Reading clients, registrations and profiles. */
    static final Set<AccountRole> READ_CARE = Set.of(IT_ADMIN, CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT);
    /** Recording the dossier: clients, registrations, withdrawals. */
    static final Set<AccountRole> RECORD = Set.of(CARE_PROFESSIONAL);
    /** Recording evaluations; reading block counts. */
    static final Set<AccountRole> EVALUATE = Set.of(CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT);
    /** Approving the next phase-out step earlier. */
    static final Set<AccountRole> APPROVE = Set.of(BEHAVIOURAL_EXPERT);
    /** Devices, lists, profiles (writing), node, accounts. */
    static final Set<AccountRole> IT = Set.of(IT_ADMIN);
    /** What the proxy would do. */
    static final Set<AccountRole> CHECK = Set.of(IT_ADMIN, CARE_PROFESSIONAL, BEHAVIOURAL_EXPERT);
    /** The audit log. */
    static final Set<AccountRole> AUDIT = Set.of(AUDITOR);
    /** No authentication. */
    static final Set<AccountRole> PUBLIC = Set.of();

    private Roles() {
    }
}
