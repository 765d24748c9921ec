/**
 * Recall probes: scoring the turns of a script that plant facts and ask for them later, and showing recall per run
 * and per distance. The run-level figures are {@link dev.longhaul.report.ProbeRecall}.
 */
package dev.longhaul.analysis.probes;
