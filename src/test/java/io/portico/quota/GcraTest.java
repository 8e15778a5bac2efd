package io.portico.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GcraTest {

    private static final long SECOND = 1_000_000;
    /** An arbitrary epoch time in microseconds, so that nothing depends on the clock starting at zero. */
    private static final long START = 1_760_000_000L * SECOND;
    private static final QuotaLimit TWENTY_PER_MINUTE = limit("20/1m");

    @Test
    void twentyRequestsAtOneInstantAllPassCountingRemainingDownToZero() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);

        List<QuotaDecision> decisions = budget.takeAll(20, START);

        assertThat(decisions).allMatch(QuotaDecision::allowed);
        assertThat(decisions).extracting(QuotaDecision::remaining)
                .containsExactly(19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L,
                        0L);
    }

    @Test
    void twentyFirstRequestIsRefusedForExactlyOneEmissionIntervalWithTheWholeBudgetBackInAMinute() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        budget.takeAll(20, START);

        QuotaDecision decision = budget.take(START);

        assertThat(decision).isEqualTo(new QuotaDecision(false, 0, 3 * SECOND, 60 * SECOND));
    }

    @Test
    void waitingExactlyTheRetryAfterIsEnough() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        budget.takeAll(20, START);
        long retryAfter = budget.take(START).retryAfterMicros();

        QuotaDecision decision = budget.take(START + retryAfter);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isZero();
    }

    @Test
    void waitingOneMicrosecondLessThanTheRetryAfterIsNotEnough() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        budget.takeAll(20, START);
        long retryAfter = budget.take(START).retryAfterMicros();

        QuotaDecision decision = budget.take(START + retryAfter - 1);

        assertThat(decision).isEqualTo(new QuotaDecision(false, 0, 1, 60 * SECOND - retryAfter + 1));
    }

    @Test
    void steadyTrafficPassesExactlyTheLimitInEverySlidingMinuteOnceTheFirstBurstIsSpent() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        List<Long> arrivals = everyHundredMillisecondsForFiveMinutes();

        List<Long> passed = budget.passedOf(arrivals);

        long firstRefusal = arrivals.stream().filter(arrival -> !passed.contains(arrival)).findFirst().orElseThrow();
        List<Long> laterWindowStarts = arrivals.stream()
                .filter(start -> start >= firstRefusal && start + 60 * SECOND <= START + 5 * 60 * SECOND).toList();
        assertThat(laterWindowStarts).hasSizeGreaterThan(2000)
                .allSatisfy(start -> assertThat(countIn(passed, start, 60 * SECOND)).as("window at %d", start)
                        .isEqualTo(20));
    }

    @Test
    void noSlidingMinuteEverHoldsTwiceTheLimitThoughTheFirstBurstAndTheRefillShareOne() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        List<Long> arrivals = everyHundredMillisecondsForFiveMinutes();

        List<Long> passed = budget.passedOf(arrivals);

        // GCRA lets the whole budget through at once and then refills it at one per 3 s, so the first minute
        // holds the burst of 20 and 19 refills: 2 x 20 - 1, where a fixed window counter can let 2 x 20 through.
        long busiest = arrivals.stream().mapToLong(start -> countIn(passed, start, 60 * SECOND)).max().orElseThrow();
        assertThat(busiest).isEqualTo(2 * 20 - 1);
        assertThat(passed).hasSize(20 + 99);
    }

    @Test
    void budgetSpentAtTheEndOfAMinuteLeavesNothingForTheStartOfTheNext() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        List<QuotaDecision> lateInTheFirstMinute = budget.takeAll(20, START + 59_900_000);

        List<QuotaDecision> earlyInTheNextMinute = budget.takeAll(20, START + 60_100_000);

        assertThat(lateInTheFirstMinute).allMatch(QuotaDecision::allowed);
        assertThat(earlyInTheNextMinute).noneMatch(QuotaDecision::allowed);
    }

    @Test
    void oneRequestPerThreeSecondsRefusesTheSecondForThreeSeconds() {
        Budget budget = new Budget(limit("1/3s"));
        QuotaDecision first = budget.take(START);

        QuotaDecision second = budget.take(START);

        assertThat(first).isEqualTo(new QuotaDecision(true, 0, 0, 3 * SECOND));
        assertThat(second).isEqualTo(new QuotaDecision(false, 0, 3 * SECOND, 3 * SECOND));
        assertThat(second.retryAfterSeconds()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/1s", "7/1s", "7/1m", "13/1h", "999/1s"})
    void theWholeLimitPassesAtOnceEvenWhenThePeriodDoesNotDivideEvenly(String text) {
        QuotaLimit limit = limit(text);
        Budget budget = new Budget(limit);
        int requests = (int) limit.requests();

        List<QuotaDecision> decisions = budget.takeAll(requests + 1, START);

        assertThat(decisions.stream().filter(QuotaDecision::allowed).count()).isEqualTo(requests);
        assertThat(decisions.get(0).remaining()).isEqualTo(requests - 1);
        assertThat(decisions.get(requests - 1)).returns(true, QuotaDecision::allowed).returns(0L,
                QuotaDecision::remaining);
        assertThat(decisions.get(requests)).returns(false, QuotaDecision::allowed).returns(
                limit.emissionIntervalMicros(), QuotaDecision::retryAfterMicros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20/1m", "7/1s", "1/3s"})
    void remainingIsNeverNegative(String text) {
        Budget budget = new Budget(limit(text));
        List<QuotaDecision> decisions = new ArrayList<>();

        for (int i = 0; i < 5000; i++) {
            decisions.addAll(budget.takeAll(i % 10 == 0 ? 25 : 1, START + i * 37_000L));
        }

        assertThat(decisions).anyMatch(decision -> !decision.allowed())
                .allSatisfy(decision -> assertThat(decision.remaining()).isNotNegative());
    }

    @Test
    void budgetIdleForAWholePeriodIsFullAgain() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);
        budget.takeAll(21, START);

        List<QuotaDecision> decisions = budget.takeAll(21, START + 60 * SECOND);

        assertThat(decisions.get(0).remaining()).isEqualTo(19);
        assertThat(decisions).extracting(QuotaDecision::allowed).containsOnlyOnce(false).last().isEqualTo(false);
    }

    @Test
    void budgetNeverUsedIsFull() {
        Budget budget = new Budget(TWENTY_PER_MINUTE);

        QuotaDecision decision = budget.take(START);

        assertThat(decision).isEqualTo(new QuotaDecision(true, 19, 0, 3 * SECOND));
    }

    private static List<Long> everyHundredMillisecondsForFiveMinutes() {
        List<Long> arrivals = new ArrayList<>();
        for (long now = START; now < START + 5 * 60 * SECOND; now += 100_000) {
            arrivals.add(now);
        }
        return arrivals;
    }

    /** Returns how many of {@code times} lie in {@code [start, start + length)}. */
    private static long countIn(List<Long> times, long start, long length) {
        return times.stream().filter(time -> time >= start && time < start + length).count();
    }

    private static QuotaLimit limit(String text) {
        return QuotaLimit.parse(text).orElseThrow();
    }

    /** One budget, stored as {@link GcraProcessor} stores it: the new TAT only when a request passes. */
    private static final class Budget {

        private final QuotaLimit limit;
        private Long tat;

        Budget(QuotaLimit limit) {
            this.limit = limit;
        }

        QuotaDecision take(long nowMicros) {
            Gcra.Step step = Gcra.take(tat, nowMicros, limit);
            if (step.decision().allowed()) {
                tat = step.tat();
            }
            return step.decision();
        }

        List<QuotaDecision> takeAll(int count, long nowMicros) {
            List<QuotaDecision> decisions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                decisions.add(take(nowMicros));
            }
            return decisions;
        }

        /** Takes one request at each of {@code arrivals} and returns the times of those that passed. */
        List<Long> passedOf(List<Long> arrivals) {
            return arrivals.stream().filter(arrival -> take(arrival).allowed()).toList();
        }
    }
}
