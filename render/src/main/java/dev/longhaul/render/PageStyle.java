package dev.longhaul.render;

/** The style sheet inlined into every HTML report (no external file, no web font, no network). */
final class PageStyle {

    static final String CSS = """
            :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --alert: #d62728; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
                   font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 1320px; margin: 0 auto; padding: 20px 28px 40px; }
            header h1 { font-size: 24px; margin: 0 0 2px; }
            header p { margin: 0; color: var(--muted); }
            h2 { font-size: 17px; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 15px; margin: 14px 0 6px; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: top; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: var(--panel); font-weight: 600; }
            td.text, th.text { text-align: left; }
            table.phases td { white-space: nowrap; }
            table.alerts, table.failures { width: 100%; }
            table.metrics { font-size: 0.85em; margin-top: 0.5em; }
            .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px;
                      vertical-align: -1px; }
            .note { color: var(--muted); }
            .warn { color: var(--alert); }
            .sentence { font-weight: 600; margin: 4px 0; }
            table.measurements { margin: 12px 0 8px; }
            mark.divergence { background: #ffe08a; color: inherit; padding: 0 2px; }
            .verdict { font-size: 16px; font-weight: 600; margin: 8px 0 4px; }
            .verdict .name { color: var(--muted); font-weight: 400; }
            .comparisons { display: flex; flex-wrap: wrap; gap: 0 48px; }
            .comparison { margin-bottom: 14px; }
            .settings-row { display: flex; flex-wrap: wrap; gap: 0 12px; }
            .settings-row > details { flex: 1 1 300px; min-width: 0; }
            .chart-card { margin: 6px 0 4px; }
            .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; color: var(--muted); font-size: 13px; }
            .legend .mark-alert { color: var(--alert); }
            svg.chart { display: block; width: 100%; height: auto; font-size: 11px; }
            svg.chart .band-even { fill: #eef2f6; }
            svg.chart .band-odd { fill: #f9fafb; }
            svg.chart .band-label { fill: #59636e; font-size: 11px; }
            svg.chart .grid line { stroke: #d8dee4; stroke-width: 1; }
            svg.chart .tick, svg.chart .axis-label { fill: #59636e; }
            svg.chart .series path { fill: none; stroke-width: 2; }
            svg.chart .series circle { stroke: #fff; stroke-width: 1; }
            svg.chart .reference path { fill: none; stroke-width: 1.5; stroke-dasharray: 6 4; }
            svg.chart .alert line { stroke-width: 1; stroke-dasharray: 3 3; opacity: 0.6; }
            svg.chart .alert circle { fill: none; stroke-width: 2; }
            svg.chart .alert path { stroke-width: 0; }
            svg.chart .failed path { fill: none; stroke-width: 2.5; }
            svg.chart .no-data { fill: #59636e; font-size: 14px; }
            .columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 32px; }
            details { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
            details > summary { cursor: pointer; padding: 6px 10px; background: var(--panel); }
            details[open] > summary { border-bottom: 1px solid var(--line); }
            details .body { padding: 8px 10px; }
            .turn summary .score { margin-left: 12px; font-variant-numeric: tabular-nums; }
            .turn summary .flag { margin-left: 10px; color: var(--alert); font-weight: 600; }
            .answers { display: grid; gap: 10px; }
            .answers h4, .prompt h4 { margin: 6px 0 4px; font-size: 13px; }
            pre { margin: 0; padding: 8px; background: var(--panel); border-radius: 4px; white-space: pre-wrap;
                  overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
            dl.figures { display: grid; grid-template-columns: max-content minmax(0, 60ch); gap: 2px 14px; margin: 8px 0; }
            dl.figures dt { color: var(--muted); }
            dl.figures dd { margin: 0; overflow-wrap: anywhere; }
            dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
            dl.settings dt { color: var(--muted); }
            dl.settings dd { margin: 0; overflow-wrap: anywhere; }
            footer { margin-top: 30px; color: var(--muted); font-size: 12px; }
            """;

    private PageStyle() {
    }
}
