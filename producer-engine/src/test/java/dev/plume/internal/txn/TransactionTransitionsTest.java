package dev.plume.internal.txn;

import static dev.plume.internal.txn.TransactionState.ABORTABLE_ERROR;
import static dev.plume.internal.txn.TransactionState.ABORTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.COMMITTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.FATAL_ERROR;
import static dev.plume.internal.txn.TransactionState.INITIALIZING;
import static dev.plume.internal.txn.TransactionState.IN_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.READY;
import static dev.plume.internal.txn.TransactionState.UNINITIALIZED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to) pair of states against the transition table of Kafka's transactional producer,
 * written out.
 */
class TransactionTransitionsTest {

  /** The expected legal pairs, as the reference lists them (target <- sources). */
  private static final List<TransactionState[]> LEGAL =
      List.of(
          pair(READY, UNINITIALIZED),
          pair(ABORTABLE_ERROR, UNINITIALIZED),
          pair(UNINITIALIZED, INITIALIZING),
          pair(COMMITTING_TRANSACTION, INITIALIZING),
          pair(ABORTING_TRANSACTION, INITIALIZING),
          pair(INITIALIZING, READY),
          pair(COMMITTING_TRANSACTION, READY),
          pair(ABORTING_TRANSACTION, READY),
          pair(READY, IN_TRANSACTION),
          pair(IN_TRANSACTION, COMMITTING_TRANSACTION),
          pair(IN_TRANSACTION, ABORTING_TRANSACTION),
          pair(ABORTABLE_ERROR, ABORTING_TRANSACTION),
          pair(IN_TRANSACTION, ABORTABLE_ERROR),
          pair(COMMITTING_TRANSACTION, ABORTABLE_ERROR),
          pair(ABORTABLE_ERROR, ABORTABLE_ERROR),
          pair(INITIALIZING, ABORTABLE_ERROR));

  private static TransactionState[] pair(TransactionState from, TransactionState to) {
    return new TransactionState[] {from, to};
  }

  static Stream<Arguments> everyPair() {
    List<Arguments> all = new ArrayList<>();
    for (TransactionState from : TransactionState.values()) {
      for (TransactionState to : TransactionState.values()) {
        boolean expected =
            to == FATAL_ERROR || LEGAL.stream().anyMatch(p -> p[0] == from && p[1] == to);
        all.add(Arguments.of(from, to, expected));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("everyPair")
  void transitionIsLegalExactlyAsTheReferenceSays(
      TransactionState from, TransactionState to, boolean expected) {
    assertThat(TransactionTransitions.isLegal(from, to)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("states")
  void fatalErrorIsTerminal(TransactionState to) {
    assertThat(TransactionTransitions.isLegal(FATAL_ERROR, to)).isEqualTo(to == FATAL_ERROR);
  }

  static Stream<TransactionState> states() {
    return Stream.of(TransactionState.values());
  }

  @ParameterizedTest
  @MethodSource("states")
  void sourcesOfMatchesIsLegal(TransactionState to) {
    Set<TransactionState> expected = EnumSet.noneOf(TransactionState.class);
    for (TransactionState from : TransactionState.values()) {
      if (TransactionTransitions.isLegal(from, to)) {
        expected.add(from);
      }
    }
    assertThat(TransactionTransitions.sourcesOf(to)).isEqualTo(expected);
  }
}
