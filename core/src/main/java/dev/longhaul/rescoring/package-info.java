/**
 * Re-scoring saved turns: JSON Lines of {@code {"turn","phase","prompt","response"}} in, one metrics line per turn
 * out, streamed and scored on several threads ({@link dev.longhaul.rescoring.Rescoring}).
 */
package dev.longhaul.rescoring;
