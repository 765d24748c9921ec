/**
 * Context pressure: how full each turn's prompt left the context window, which turns came near or past it, when a
 * server seems to have cut the start of a prompt it could not hold (Ollama does so silently), and which degradation
 * alerts coincide with such turns. The figures are written per turn under the keys of
 * {@link dev.longhaul.report.ContextPressureCounts}.
 */
package dev.longhaul.analysis.pressure;
