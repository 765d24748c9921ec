package dev.longhaul.experiment;

import dev.longhaul.backend.Backend;
import dev.longhaul.backend.ChatRequest;

/**
 * One arm's answer to one turn of a shared-history run, with everything needed to measure it against the baseline's
 * answer to the same conversation — e.g. teacher forcing the baseline's answer through both backends
 * ({@link dev.longhaul.backend.TeacherForcing}) for token-level fidelity.
 *
 * @param turn            the turn number
 * @param phase           the script phase
 * @param request         the conversation both answered: the baseline's history window and this turn's prompt
 * @param baselineLabel   the baseline arm's label
 * @param baselineBackend the baseline's backend, still open
 * @param baselineAnswer  the baseline's answer to {@code request}
 * @param arm             the run that answered (an arm, or the noise-floor rerun of the baseline)
 * @param armBackend      that run's backend, still open
 * @param armAnswer       its answer to {@code request}
 */
public record SharedTurn(int turn, String phase, ChatRequest request, String baselineLabel, Backend baselineBackend,
                         String baselineAnswer, ArmRun arm, Backend armBackend, String armAnswer) {
}
