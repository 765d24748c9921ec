package dev.longhaul.cli;

/** The line {@code ab} prints before a study starts: the turns it plays and the answers token fidelity forces. */
final class StudyBudget {

    private StudyBudget() {
    }

    /**
     * @param arms          arms compared (the baseline included)
     * @param repeats       repeats of every arm
     * @param noiseFloor    whether every repeat also reruns the baseline
     * @param turns         turns per run
     * @param forcedAnswers whether every run's turn forces the baseline's answer (shared history with fidelity)
     * @param maxTokens     tokens per answer at most, or null when the backend decides
     * @return e.g. {@code Study: 2 arms × 1 repeat × 50 turns = 100 turns to play; token fidelity forces 100
     *         answers (at most 9,600 tokens)}
     */
    static String line(int arms, int repeats, boolean noiseFloor, int turns, boolean forcedAnswers,
                       Integer maxTokens) {
        long runsPerRepeat = arms + (noiseFloor ? 1 : 0);
        long total = runsPerRepeat * repeats * turns;
        StringBuilder line = new StringBuilder("Study: ")
                .append(arms).append(arms == 1 ? " arm" : " arms")
                .append(noiseFloor ? " + noise floor" : "")
                .append(" × ").append(repeats).append(repeats == 1 ? " repeat" : " repeats")
                .append(" × ").append(turns).append(turns == 1 ? " turn" : " turns")
                .append(" = ").append(String.format("%,d", total)).append(" turns to play");
        if (forcedAnswers) {
            // each turn forces the baseline's answer once through every run's backend, the baseline's included
            line.append("; token fidelity forces ").append(String.format("%,d", total)).append(" answers");
            if (maxTokens != null) {
                line.append(" (at most ").append(String.format("%,d", total * maxTokens)).append(" tokens)");
            }
        }
        return line.toString();
    }
}
