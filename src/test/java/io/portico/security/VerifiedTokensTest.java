package io.portico.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final TokenClaims ALICE = new TokenClaims("alice", Set.of(), Set.of());

    private final VerifiedTokens tokens = new VerifiedTokens();

    @Test
    void tokenIsRememberedUntilItIsDueForAnotherCheck() {
        tokens.put("t", ALICE, NOW.plusSeconds(3600), NOW);

        assertThat(tokens.get("t", NOW.plus(VerifiedTokens.RECHECK_AFTER).minusMillis(1)).claims()).isEqualTo(ALICE);
        assertThat(tokens.get("t", NOW.plus(VerifiedTokens.RECHECK_AFTER))).isNull();
        assertThat(tokens.get("other", NOW)).isNull();
    }

    @Test
    void fullStoreTakesNoMoreTokensUntilOldOnesAreSweptOut() {
        fill(NOW);

        tokens.put("late", ALICE, NOW.plusSeconds(3600), NOW.plusSeconds(1));
        int whileFull = tokens.size();
        tokens.put("later", ALICE, NOW.plusSeconds(3600), NOW.plus(VerifiedTokens.RECHECK_AFTER));

        assertThat(whileFull).isEqualTo(VerifiedTokens.CAPACITY);
        assertThat(tokens.get("late", NOW.plusSeconds(2))).isNull();
        assertThat(tokens.size()).isEqualTo(1);
        assertThat(tokens.get("later", NOW.plus(VerifiedTokens.RECHECK_AFTER))).isNotNull();
    }

    private void fill(Instant at) {
        for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
            tokens.put("token-" + i, ALICE, at.plusSeconds(3600), at);
        }
    }
}
