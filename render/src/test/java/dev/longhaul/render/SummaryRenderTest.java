package dev.longhaul.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.longhaul.analysis.RepeatedComparison;
import dev.longhaul.analysis.tradeoff.ArmFigures;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.report.RunConfig;
import dev.longhaul.report.SavedResponse;
import dev.longhaul.report.SessionReport;
import dev.longhaul.report.TurnMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The A/B summary first on the page and in Markdown; fidelity charts; the first greedy divergence marked. */
class SummaryRenderTest {

    private static final String KV_LOG = "init: kv_size = 4096, offload = 1 | llama_context: KV self size  =   %s MiB,"
            + " K (x): 1 MiB, V (x): 1 MiB";

    private static SessionReport arm(String kv, String mib, boolean fidelity) {
        SessionReport base = Runs.run(kv, Runs.scores(12, 0.8), Set.of(), Set.of(), Map.of("context_size", 4096,
                "backend_info", Map.of("kv_log", String.format(KV_LOG, mib)), "shared_history_from", "f16"));
        List<TurnMetrics> turns = new ArrayList<>();
        List<SavedResponse> answers = new ArrayList<>();
        for (TurnMetrics t : base.turnMetrics()) {
            Map<String, Object> v = new LinkedHashMap<>(t.values());
            if (fidelity) {
                v.put("fidelity_top_k", 100);
                v.put("forced_tokens", 2);
                v.put("kld_mean", 0.01 * t.turn());
                v.put("same_top_rate", t.turn() == 5 ? 0.5 : 1.0);
                v.put("same_top_tokens", t.turn() == 5 ? 1 : 2);
                v.put("kld_values", List.of(0.01 * t.turn(), 0.01 * t.turn()));
                v.put("first_divergence_token", t.turn() == 5 ? 3 : null);
            }
            turns.add(new TurnMetrics(t.turn(), t.phase(), v));
            answers.add(new SavedResponse(t.turn(), t.phase(), "Prompt " + t.turn(),
                    fidelity && t.turn() == 5 ? "def f(): return 2" : "def f(): return 1"));
        }
        return new SessionReport(base.config(), turns, List.of(), base.summary(), answers, List.of());
    }

    private static final SessionReport F16 = arm("f16", "24.00", false);
    private static final SessionReport Q8 = arm("q8_0", "12.75", true);

    private static ReportSet set() {
        TradeOffSummary summary = TradeOffSummary.of(List.of(ArmFigures.of("f16", List.of(F16)),
                ArmFigures.of("q8_0", List.of(Q8))), List.of(RepeatedComparison.of(List.of(F16), List.of(Q8))));
        ReportSet plain = ReportSet.of(List.of(F16, Q8));
        return new ReportSet(plain.arms(), plain.comparisons(), summary);
    }

    @Test
    void theSummaryIsThePagesFirstSectionWithTheSentence() {
        String html = HtmlReport.render(set());
        int summary = html.indexOf("<section id=\"summary\">");
        assertTrue(summary > 0 && summary < html.indexOf("<section id=\"runs\">"), "first");
        assertTrue(html.contains("<td class=\"text\">q8_0</td><td>12.75 (\u221247 %)</td>"), html);
        assertTrue(html.contains("<p class=\"sentence\">q8_0: KV \u221247 % (24.0 \u2192 12.75 MiB), decode 0 %, mean KLD "
                + "0.065, same top 95.8 %, quality: no difference (shared history, 12 turns)</p>"), html);
        assertFalse(HtmlReport.render(ReportSet.of(List.of(F16, Q8))).contains("id=\"summary\""), "no summary given");
    }

    @Test
    void fidelityIsChartedPerTurnAndAgainstPromptTokens() {
        String html = HtmlReport.render(set());
        for (String chart : List.of("kld_mean", "same_top_rate", "kld_by_depth", "same_top_by_depth")) {
            Matcher svg = Pattern.compile("(?s)<svg class=\"chart[^\"]*\" data-chart=\"" + chart + "\".*?</svg>")
                    .matcher(html);
            assertTrue(svg.find(), chart);
            assertTrue(svg.group().contains("data-series=\"q8_0\" data-points=\"12\""), chart + "\n" + svg.group());
            assertTrue(svg.group().contains("data-series=\"f16\" data-points=\"0\""), "the baseline is not measured");
        }
        assertTrue(html.contains("data-turn=\"5\" data-x=\"500.0\" data-value=\"0.5\""), "turn 5 at 500 prompt tokens");
        assertFalse(HtmlReport.render(ReportSet.of(List.of(F16))).contains("id=\"fidelity\""), "no fidelity, no charts");
    }

    @Test
    void theFirstGreedyDivergenceIsMarkedInTheArmsAnswer() {
        String html = HtmlReport.render(set());
        assertTrue(html.contains("<pre>\ndef f(): return <mark class=\"divergence\" data-token=\"3\""), html);
        assertTrue(html.contains("\u25b8</mark>2</pre>"), html);
        assertEquals(1, html.split("class=\"divergence\"", -1).length - 1, "only the turn that departed");
    }

    @Test
    void markdownOpensWithTheSummary() {
        String md = MarkdownReport.render(set());
        int summary = md.indexOf("### Summary (shared history, baseline f16)");
        assertTrue(summary > 0 && summary < md.indexOf("| run | avg quality"), md);
        assertTrue(md.contains("| q8\\_0 | 12.75 (\u221247 %) |"), md);
        assertTrue(md.contains("\n> q8\\_0: KV \u221247 % (24.0 \u2192 12.75 MiB)"), md);
    }
}
