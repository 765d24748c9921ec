package dev.longhaul.render;

import static dev.longhaul.render.HtmlEscape.text;


/**
 * One comparison in the HTML report: its title, verdict lines, the table of figures per run, the figures of the
 * whole comparison, its per-metric and per-turn tables (long ones collapsed) and any nested comparison (a noise
 * floor) in the same form.
 */
final class ComparisonHtml {

    /** Tables longer than this start collapsed. */
    private static final int OPEN_TABLE_ROWS = 12;

    private ComparisonHtml() {
    }

    /**
     * @param out   the page
     * @param view  the comparison
     * @param title a heading, or null for "A vs B"
     */
    static void append(StringBuilder out, ComparisonView view, String title) {
        String heading = title != null ? title : String.join(" vs ", view.labels());
        out.append("<div class=\"comparison\" data-comparison=\"").append(text(String.join(" vs ", view.labels())))
                .append("\">\n<h3>").append(text(heading)).append("</h3>\n");
        for (ComparisonView.Row verdict : view.verdicts()) {
            out.append("<p class=\"verdict\" data-key=\"").append(text(verdict.key())).append("\"><span class=\"name\">")
                    .append(text(verdict.name())).append(":</span> ").append(text(verdict.values().get(0)))
                    .append("</p>\n");
        }
        out.append("<table>\n<thead><tr><th>Metric</th>");
        view.labels().forEach(label -> out.append("<th>").append(text(label)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (ComparisonView.Row row : view.rows()) {
            appendRow(out, row);
        }
        out.append("</tbody>\n</table>\n");
        if (!view.figures().isEmpty()) {
            out.append("<dl class=\"figures\">\n");
            for (ComparisonView.Row figure : view.figures()) {
                out.append("<dt data-key=\"").append(text(figure.key())).append("\">").append(text(figure.name()))
                        .append("</dt><dd>").append(text(figure.values().get(0))).append("</dd>\n");
            }
            out.append("</dl>\n");
        }
        for (ComparisonView.Table table : view.tables()) {
            boolean open = table.rows().size() <= OPEN_TABLE_ROWS;
            out.append("<details class=\"comparison-table\" data-key=\"").append(text(table.key())).append('"')
                    .append(open ? " open" : "").append("><summary>").append(text(table.name())).append(" (")
                    .append(table.rows().size()).append(")</summary>\n<div class=\"body\"><table>\n<thead><tr><th></th>");
            table.columns().forEach(column -> out.append("<th>").append(text(column)).append("</th>"));
            out.append("</tr></thead>\n<tbody>\n");
            for (ComparisonView.Row row : table.rows()) {
                appendRow(out, row);
            }
            out.append("</tbody>\n</table></div>\n</details>\n");
        }
        for (ComparisonView.Nested nested : view.nested()) {
            append(out, nested.view(), nested.name() + ": " + String.join(" vs ", nested.view().labels()));
        }
        out.append("</div>\n");
    }

    private static void appendRow(StringBuilder out, ComparisonView.Row row) {
        out.append("<tr data-key=\"").append(text(row.key())).append("\"><td>").append(text(row.name())).append("</td>");
        row.values().forEach(value -> out.append("<td>").append(text(value)).append("</td>"));
        out.append("</tr>\n");
    }
}
