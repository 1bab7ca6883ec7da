package dev.plume.internal.txn;

import static dev.plume.internal.txn.TransactionState.ABORTABLE_ERROR;
import static dev.plume.internal.txn.TransactionState.ABORTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.COMMITTING_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.FATAL_ERROR;
import static dev.plume.internal.txn.TransactionState.INITIALIZING;
import static dev.plume.internal.txn.TransactionState.IN_TRANSACTION;
import static dev.plume.internal.txn.TransactionState.READY;
import static dev.plume.internal.txn.TransactionState.UNINITIALIZED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal transitions of {@link TransactionState}, as one explicit table: for each target state,
 * the states it may be entered from. FATAL_ERROR may be entered from anywhere and left to nowhere.
 */
public final class TransactionTransitions {

  private static final Map<TransactionState, Set<TransactionState>> SOURCES_BY_TARGET =
      new EnumMap<>(TransactionState.class);

  static {
    SOURCES_BY_TARGET.put(UNINITIALIZED, EnumSet.of(READY, ABORTABLE_ERROR));
    // From COMMITTING/ABORTING: the epoch bump after an abortable error (TV1, KIP-360).
    SOURCES_BY_TARGET.put(
        INITIALIZING, EnumSet.of(UNINITIALIZED, COMMITTING_TRANSACTION, ABORTING_TRANSACTION));
    SOURCES_BY_TARGET.put(
        READY, EnumSet.of(INITIALIZING, COMMITTING_TRANSACTION, ABORTING_TRANSACTION));
    SOURCES_BY_TARGET.put(IN_TRANSACTION, EnumSet.of(READY));
    SOURCES_BY_TARGET.put(COMMITTING_TRANSACTION, EnumSet.of(IN_TRANSACTION));
    SOURCES_BY_TARGET.put(ABORTING_TRANSACTION, EnumSet.of(IN_TRANSACTION, ABORTABLE_ERROR));
    SOURCES_BY_TARGET.put(
        ABORTABLE_ERROR,
        EnumSet.of(IN_TRANSACTION, COMMITTING_TRANSACTION, ABORTABLE_ERROR, INITIALIZING));
    SOURCES_BY_TARGET.put(FATAL_ERROR, EnumSet.allOf(TransactionState.class));
  }

  private TransactionTransitions() {}

  /** Whether a producer in {@code from} may move to {@code to}. */
  public static boolean isLegal(TransactionState from, TransactionState to) {
    return SOURCES_BY_TARGET.get(to).contains(from);
  }

  /** The states {@code to} may be entered from. */
  public static Set<TransactionState> sourcesOf(TransactionState to) {
    return EnumSet.copyOf(SOURCES_BY_TARGET.get(to));
  }
}
