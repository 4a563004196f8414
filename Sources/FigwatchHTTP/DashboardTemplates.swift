import Mustache

/// The dashboard's templates and its one stylesheet, compiled into the binary (no files to install,
/// nothing to find at run time).
///
/// `{{name}}` is HTML-escaped by swift-mustache; `{{{name}}}` (raw) is used only for SVG that figwatch
/// itself drew with every text escaped (`SeriesChart`, `SparklineSVG`). No inline script or style:
/// the Content-Security-Policy allows only `/static/style.css`.
enum DashboardTemplates {
    static let layoutTop = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{title}} · figwatch</title>
        <link rel="stylesheet" href="/static/style.css">
        </head><body>
        <header><a class="brand" href="/">figwatch</a>
        <nav><a href="/">Entities</a> <a href="/alerts">Alerts</a> <a href="/sources">Sources</a></nav></header>
        <main>
        """
    static let layoutBottom = """
        </main>
        <footer>figwatch {{version}} · generated {{generated}} UTC · <a href="/metrics">metrics</a></footer>
        </body></html>
        """

    static let index = """
        {{> top}}
        <h1>Entities</h1>
        <div class="table-wrap"><table class="overview">
        <thead><tr><th>Entity</th><th>Metric</th><th class="num">Latest</th><th class="num">7 days</th><th>Trend</th><th>As of</th><th>Alerts</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr data-entity="{{entity}}" data-metric="{{metric}}">
        <td><a href="/entity/{{entity}}">{{name}}</a></td><td>{{metric}}</td>
        <td class="num value" data-value="{{exact}}">{{amount}}</td>
        <td class="num {{changeClass}}">{{change}}</td><td class="spark">{{{sparkline}}}</td>
        <td><time datetime="{{iso}}">{{date}}</time></td>
        <td>{{#alerts}}<span class="badge {{state}}">{{rule}}: {{state}}</span> {{/alerts}}</td></tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="7">No figures yet.</td></tr>{{/rows}}
        </tbody></table></div>
        {{#hasQuiet}}<p class="muted">No figures yet for: {{#quiet}}<a href="/entity/{{id}}">{{name}}</a> {{/quiet}}</p>{{/hasQuiet}}
        {{> bottom}}
        """

    static let entity = """
        {{> top}}
        <h1>{{name}}</h1>
        <form class="filter" method="get" action="/entity/{{id}}">
        <label>Metric <select name="metric">{{#metricOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/metricOptions}}</select></label>
        <label>Since <select name="since">{{#sinceOptions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sinceOptions}}</select></label>
        <button type="submit">Show</button></form>
        {{#charts}}<figure class="chart" id="chart-{{metric}}">{{{svg}}}<figcaption>{{metric}}: {{count}} points</figcaption></figure>{{/charts}}
        {{^charts}}<p class="muted">No figures in this range.</p>{{/charts}}
        <h2>Figures</h2>
        <p class="muted">{{shown}} of {{total}} figures, newest first.</p>
        <div class="table-wrap"><table class="figures">
        <thead><tr><th>Date</th><th>Metric</th><th>Kind</th><th class="num">Value</th><th>Bound</th><th>Status</th><th>Sources</th><th>Sentence</th></tr></thead>
        <tbody>
        {{#figures}}
        <tr data-id="{{id}}"><td><time datetime="{{iso}}">{{date}}</time></td><td>{{metric}}</td><td>{{kind}}</td>
        <td class="num value" data-value="{{exact}}">{{amount}}</td><td>{{bound}}</td><td>{{status}}</td>
        <td>{{#link}}<a href="{{link}}" rel="noreferrer noopener">{{host}}</a>{{/link}}{{^link}}{{host}}{{/link}}{{#more}} +{{more}}{{/more}}</td>
        <td class="sentence">{{sentence}}</td></tr>
        {{/figures}}
        </tbody></table></div>
        {{> bottom}}
        """

    static let alerts = """
        {{> top}}
        <h1>Alerts</h1>
        <h2>Firing</h2>
        <ul class="firing">{{#firing}}<li><span class="badge firing">{{rule}}</span> {{entity}} since {{since}}{{#value}}: {{value}}{{/value}}</li>{{/firing}}
        {{^firing}}<li class="muted">Nothing is firing.</li>{{/firing}}</ul>
        <h2>Recent transitions</h2>
        <div class="table-wrap"><table class="history">
        <thead><tr><th>At</th><th>Rule</th><th>Entity</th><th>State</th><th class="num">Value</th><th>Threshold</th><th>Source</th></tr></thead>
        <tbody>
        {{#events}}<tr><td><time datetime="{{iso}}">{{at}}</time></td><td>{{rule}}</td><td>{{entity}}</td><td><span class="badge {{state}}">{{state}}</span></td>
        <td class="num">{{value}}</td><td>{{threshold}}</td><td>{{#link}}<a href="{{link}}" rel="noreferrer noopener">{{host}}</a>{{/link}}</td></tr>{{/events}}
        {{^events}}<tr><td colspan="7" class="muted">No transitions in the last 30 days.</td></tr>{{/events}}
        </tbody></table></div>
        {{> bottom}}
        """

    static let sources = """
        {{> top}}
        <h1>Sources</h1>
        <div class="table-wrap"><table class="sources">
        <thead><tr><th>Source</th><th>Type</th><th>Last fetch</th><th>Status</th><th>Next due</th><th class="num">Failures</th><th>Owner</th><th>Last error</th></tr></thead>
        <tbody>
        {{#sources}}<tr class="{{#failing}}failing{{/failing}}"><td><a href="{{url}}" rel="noreferrer noopener">{{id}}</a></td><td>{{type}}</td><td>{{lastFetch}}</td><td>{{status}}</td>
        <td>{{nextDue}}</td><td class="num">{{failures}}</td><td>{{owner}}</td><td class="error">{{error}}</td></tr>{{/sources}}
        </tbody></table></div>
        {{> bottom}}
        """

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        // The templates are constants of this file: a syntax error in one is a bug the first test finds.
        for (name, text) in [
            ("top", layoutTop), ("bottom", layoutBottom), ("index", index), ("entity", entity), ("alerts", alerts),
            ("sources", sources),
        ] {
            try! library.register(text, named: name)
        }
        return library
    }()

    static let stylesheet = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #5b6570; --line: #d8dee4;
          --accent: #1f6fb4; --up: #1a7f37; --down: #c62828; --badge: #eef1f4; --firing: #c62828; --chart-bg: #ffffff; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0f1419; --fg: #e6e9ec; --muted: #9aa5b1; --line: #2d353e; --accent: #6cb6ff;
            --up: #57c26b; --down: #ff7b72; --badge: #1f2730; --firing: #ff7b72; --chart-bg: #ffffff; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; }
        header { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; padding: .75rem 1rem;
          border-bottom: 1px solid var(--line); }
        header .brand { font-weight: 700; font-size: 1.1rem; }
        nav a { margin-right: 1rem; }
        main { padding: 0 1rem 2rem; max-width: 1200px; margin: 0 auto; }
        footer { padding: 1rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
        a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
        h1 { font-size: 1.4rem; margin: 1rem 0 .5rem; } h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; color: var(--muted); white-space: nowrap; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .up { color: var(--up); } .down { color: var(--down); }
        .muted { color: var(--muted); }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; background: var(--badge); font-size: .8rem; }
        .badge.firing { background: var(--firing); color: #fff; }
        .spark svg { display: block; }
        .spark polyline { fill: none; stroke: var(--accent); stroke-width: 1.5; }
        .chart { margin: 1rem 0; } .chart svg { width: 100%; height: auto; background: var(--chart-bg); border-radius: 4px; }
        .chart figcaption { color: var(--muted); font-size: .85rem; }
        .sentence { max-width: 40rem; unicode-bidi: plaintext; }
        .error { color: var(--down); font-size: .85rem; max-width: 24rem; overflow-wrap: anywhere; }
        tr.failing td:first-child { border-left: 3px solid var(--down); }
        .filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
        select, button { font: inherit; }
        @media (max-width: 600px) {
          body { font-size: 14px; } main { padding: 0 .5rem 1.5rem; }
          th, td { padding: .3rem .35rem; }
          .sentence { min-width: 14rem; }
        }
        """
}
