package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;

import dev.longhaul.analysis.tradeoff.TradeOffRow;
import dev.longhaul.analysis.tradeoff.TradeOffSummary;
import dev.longhaul.analysis.tradeoff.TradeOffTable;
import dev.longhaul.analysis.tradeoff.TradeOffText;
import java.util.List;

/**
 * The page's first section: the {@link TradeOffSummary} as two tables (the trade-off, the measurements behind it),
 * its warnings, each managed arm's server command line, and the sentence for a pull request per compared arm.
 */
final class SummaryHtml {

    private SummaryHtml() {
    }

    static void append(StringBuilder out, TradeOffSummary summary) {
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">")
                .append(text(summary.design().displayName() + ", baseline " + summary.baseline()
                        + "; KV cache memory as llama.cpp logged it, speeds as median over turns"))
                .append("</p>\n");
        table(out, "summary", TradeOffTable.HEADER, TradeOffTable.rows(summary));
        table(out, "measurements", TradeOffTable.DETAIL_HEADER, TradeOffTable.detailRows(summary));
        for (String warning : TradeOffText.warnings(summary)) {
            out.append("<p class=\"warn\">").append(text(warning)).append("</p>\n");
        }
        for (TradeOffRow row : summary.rows()) {
            if (row.arm().serverCommand() != null) {
                out.append("<p class=\"note\">").append(text(row.arm().label())).append(" server: <code>")
                        .append(text(String.join(" ", row.arm().serverCommand()))).append("</code></p>\n");
            }
        }
        for (String sentence : summary.sentences()) {
            out.append("<p class=\"sentence\">").append(text(sentence)).append("</p>\n");
        }
        out.append("</section>\n");
    }

    private static void table(StringBuilder out, String css, List<String> header, List<List<String>> rows) {
        out.append("<table class=\"").append(css).append("\">\n<thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            out.append(i == 0 ? "<th class=\"text\">" : "<th>").append(text(header.get(i))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr data-series=\"").append(text(row.get(0))).append("\">");
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "<td class=\"text\">" : "<td>").append(text(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }
}
